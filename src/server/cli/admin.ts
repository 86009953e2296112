/**
 * Staff accounts from the command line, for the first consultant and for offices without the
 * admin pages. The password comes from E_KONSULTANT_PASSWORD or standard input, never from the
 * command line (where `ps` and shell history would keep it).
 *
 *   npm run admin -- add-user --email anna@urzad.example --name "Anna Nowak" --role consultant --languages pl,en
 *   npm run admin -- set-password --email anna@urzad.example
 *   npm run admin -- reset-2fa --email anna@urzad.example   (a lost authenticator, e.g. of the last admin)
 *   npm run admin -- list-users
 *
 * It uses the server's DATABASE_URL (the same .env or environment) and says which database it used.
 * It also sets the schedule's pause and exceptions (./schedule-commands.ts) and rebuilds the report
 * counters from the live tables (for the days retention has not emptied yet: an earlier --from is
 * moved to the first such day, and says so):
 *
 *   npm run admin -- rebuild-reports --from 2026-01-01 --to 2026-03-31
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import * as z from 'zod';
import { UI_LANGUAGES } from '../../shared/languages';
import { STAFF_ROLES } from '../../shared/protocol';
import { AuditLog } from '../audit/audit-log';
import { AuditRepository } from '../audit/repository';
import { createAuthServices } from '../auth/module';
import { systemClock } from '../clock';
import { loadConfig } from '../config';
import { loadDefaultDesk } from '../desks/service';
import { openInfrastructure } from '../infrastructure';
import { AppError } from '../errors';
import { createReportService } from '../reports/service';
import { createScheduleService } from '../schedule/service';
import { StaffRepository } from '../staff/repository';
import { describeDatabase } from './describe-database';
import { SCHEDULE_OPTIONS, SCHEDULE_USAGE, ScheduleUsageError, isScheduleCommand, runScheduleCommand } from './schedule-commands';

const USAGE = `Usage:
  npm run admin -- add-user --email <e-mail> --name <name> --role consultant|supervisor|admin [--languages pl,en]
  npm run admin -- set-password --email <e-mail>
  npm run admin -- reset-2fa --email <e-mail>
  npm run admin -- list-users
  npm run admin -- rebuild-reports --from YYYY-MM-DD --to YYYY-MM-DD
  npm run admin -- --help
The password is read from E_KONSULTANT_PASSWORD, else from standard input (at least 12 characters;
type it, then press Enter and Ctrl+D — Ctrl+Z then Enter on Windows).
The database is the server's: DATABASE_URL, from the environment (default sqlite:./data/e-konsultant.db).
${SCHEDULE_USAGE}`;

const COMMANDS = new Set(['add-user', 'set-password', 'reset-2fa', 'list-users', 'rebuild-reports']);

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

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const rebuildArgs = z.object({ from: isoDay, to: isoDay });

async function readPassword(): Promise<string> {
  const fromEnv = process.env.E_KONSULTANT_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) {
    process.stderr.write('Password (input is visible; prefer a pipe or E_KONSULTANT_PASSWORD), then Enter and Ctrl+D (Windows: Ctrl+Z, Enter): ');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        languages: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        ...SCHEDULE_OPTIONS,
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
}

async function run(argv: string[]): Promise<string> {
  const { positionals, values } = parse(argv);
  const command = positionals[0];
  if (values.help) return USAGE;
  if (!command || (!COMMANDS.has(command) && !isScheduleCommand(command))) throw new UsageError(USAGE);

  const config = loadConfig();
  return `${await runCommand(command, values, config)}\n(database: ${describeDatabase(config.databaseUrl)})`;
}

async function runCommand(command: string, values: ReturnType<typeof parse>['values'], config: ReturnType<typeof loadConfig>): Promise<string> {
  const log = pino({ level: 'warn' });
  const infrastructure = await openInfrastructure(config, log);
  const { database } = infrastructure;
  try {
    const audit = new AuditLog(new AuditRepository(database.db), systemClock);
    if (isScheduleCommand(command)) {
      const desk = await loadDefaultDesk(database, config, systemClock);
      return await runScheduleCommand(command, values, createScheduleService(database, config, systemClock, audit), desk.id);
    }
    if (command === 'rebuild-reports') {
      const period = rebuildArgs.safeParse(values);
      if (!period.success) throw new UsageError(USAGE);
      if (period.data.from > period.data.to) throw new UsageError(`--from ${period.data.from} is after --to ${period.data.to}.\n\n${USAGE}`);
      const desk = await loadDefaultDesk(database, config, systemClock);
      const reports = createReportService(database, config, systemClock, desk.timeZone, createScheduleService(database, config, systemClock, audit));
      const rebuilt = await reports.rebuild(desk.id, period.data.from, period.data.to);
      const kept = rebuilt.keptBefore
        ? `\nThe days before ${rebuilt.keptBefore} were kept as counted: retention (RETENTION_DAYS=${config.retentionDays}) has deleted their live data.`
        : '';
      return `Report counters of ${rebuilt.from} to ${rebuilt.to} rebuilt from ${rebuilt.facts} facts in the live tables.${kept}`;
    }
    if (command === 'list-users') {
      const desk = await loadDefaultDesk(database, config, systemClock);
      const users = await new StaffRepository(database.db).list(desk.id);
      if (users.length === 0) return 'No staff users yet: add the first admin with add-user --role admin.';
      return users.map((user) => `${user.email}\t${user.name}\t${user.role}\t${user.languages}\t${user.active ? 'active' : 'inactive'}`).join('\n');
    }
    // The bus is the real one (Redis when configured), so running instances end the sessions at once.
    const { auth, twoFactor } = createAuthServices(database.db, infrastructure.bus, systemClock, config, audit, log);
    if (command === 'add-user') {
      const args = addUserArgs.safeParse(values);
      if (!args.success) throw new UsageError(`${z.prettifyError(args.error)}\n\n${USAGE}`);
      const desk = await loadDefaultDesk(database, config, systemClock);
      const user = await auth.addUser({ ...args.data, deskId: desk.id, password: await readPassword() });
      return `Added ${user.role} ${user.email} (${user.name}), languages ${user.languages}.`;
    }
    const user = values.email ? await auth.findUserByEmail(values.email) : undefined;
    if (!user) throw new UsageError(`No staff user with the e-mail ${values.email ?? '(missing --email)'}.`);
    if (command === 'reset-2fa') {
      await twoFactor.reset(null, user);
      return `Second factors of ${user.email} removed; all their sessions have ended. They enrol again at their next sign-in.`;
    }
    await auth.setPassword(user.id, await readPassword());
    return `Password changed for ${user.email}; all their sessions have ended.`;
  } finally {
    await infrastructure.close();
  }
}

class UsageError extends Error {}

run(process.argv.slice(2)).then(
  (message) => console.log(message),
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof ScheduleUsageError || error instanceof AppError;
    console.error(known ? (error instanceof AppError ? (error.detail ?? error.code) : error.message) : error);
    process.exit(known ? 2 : 1);
  },
);
