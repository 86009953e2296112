/**
 * Staff accounts from the command line, for the first consultant and for offices without the
 * admin pages. The password comes from E_KONSULTANT_PASSWORD or standard input, never from the
 * command line (where `ps` and shell history would keep it).
 *
 *   npm run admin -- add-user --email anna@urzad.example --name "Anna Nowak" --role consultant --languages pl,en
 *   npm run admin -- set-password --email anna@urzad.example
 */
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { UI_LANGUAGES } from '../../shared/languages';
import { STAFF_ROLES } from '../../shared/protocol';
import { loadDesk } from '../app';
import { AuthRepository } from '../auth/repository';
import { AuthService } from '../auth/service';
import { systemClock } from '../clock';
import { loadConfig } from '../config';
import { migrateToLatest, openDatabase } from '../db/database';
import { AppError } from '../errors';

const USAGE = `Usage:
  npm run admin -- add-user --email <e-mail> --name <name> --role consultant|supervisor|admin [--languages pl,en]
  npm run admin -- set-password --email <e-mail>
The password is read from E_KONSULTANT_PASSWORD, else from standard input (at least 12 characters).`;

const addUserArgs = z.object({
  email: z.email(),
  name: z.string().trim().min(1).max(120),
  role: z.enum(STAFF_ROLES),
  languages: z
    .string()
    .default('pl')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(UI_LANGUAGES)).min(1)),
});

async function readPassword(): Promise<string> {
  const fromEnv = process.env.E_KONSULTANT_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('Password (input is visible; prefer a pipe or E_KONSULTANT_PASSWORD): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function run(argv: string[]): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, languages: { type: 'string' } },
  });
  const command = positionals[0];
  if (command !== 'add-user' && command !== 'set-password') throw new UsageError(USAGE);

  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    const auth = new AuthService(new AuthRepository(database.db), systemClock, config.staffSessionHours);
    if (command === 'add-user') {
      const args = addUserArgs.safeParse(values);
      if (!args.success) throw new UsageError(`${z.prettifyError(args.error)}\n\n${USAGE}`);
      const desk = await loadDesk(database, config, systemClock);
      const user = await auth.addUser({ ...args.data, deskId: desk.id, password: await readPassword() });
      return `Added ${user.role} ${user.email} (${user.name}), languages ${user.languages}.`;
    }
    const user = values.email ? await auth.findUserByEmail(values.email) : undefined;
    if (!user) throw new UsageError(`No staff user with the e-mail ${values.email ?? '(missing --email)'}.`);
    await auth.setPassword(user.id, await readPassword());
    return `Password changed for ${user.email}; all their sessions have ended.`;
  } finally {
    await database.close();
  }
}

class UsageError extends Error {}

run(process.argv.slice(2)).then(
  (message) => console.log(message),
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof AppError;
    console.error(known ? (error instanceof AppError ? (error.detail ?? error.code) : error.message) : error);
    process.exit(known ? 2 : 1);
  },
);
