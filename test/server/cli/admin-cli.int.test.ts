/** The admin CLI as a newcomer meets it: usage on --help, the users it made, and which database it wrote to. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDatabase } from '../../../src/server/cli/describe-database';
import { databaseTargets } from '../../support/databases';
import { runAdminCli } from '../../support/launcher';

describe('describeDatabase', () => {
  it('names a SQLite file by its full path and a PostgreSQL database without its password', () => {
    expect(describeDatabase('sqlite:/var/lib/ek/desk.db')).toBe('SQLite /var/lib/ek/desk.db');
    expect(describeDatabase('postgres://ek:s3cret@db.internal:5433/desk')).toBe('PostgreSQL db.internal:5433/desk');
  });
});

describe.each(databaseTargets)('the admin CLI on $engine', (target) => {
  let database: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.create();
  });
  afterAll(async () => database?.drop());

  it('prints its usage on --help, with no stack trace', async () => {
    const help = await runAdminCli(database.url, ['--help']);
    expect(help).toContain('npm run admin -- list-users');
    expect(help).toContain('Ctrl+D');
    expect(help).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('lists the users it added, and says which database it wrote to', async () => {
    const where = describeDatabase(database.url);
    expect(await runAdminCli(database.url, ['list-users'])).toContain('No staff users yet');
    const added = await runAdminCli(database.url, ['add-user', '--email', 'ada@example.org', '--name', 'Ada Admin', '--role', 'admin'], {
      E_KONSULTANT_PASSWORD: 'correct horse battery staple',
    });
    expect(added).toContain('Added admin ada@example.org');
    expect(added).toContain(`(database: ${where})`);
    const listed = await runAdminCli(database.url, ['list-users']);
    expect(listed).toContain('ada@example.org\tAda Admin\tadmin\tpl\tactive');
    expect(listed).toContain(`(database: ${where})`);
  });
});
