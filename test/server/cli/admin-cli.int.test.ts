/** The admin CLI as a newcomer meets it: usage on --help, the users it made, which database it wrote to, and the report rebuild. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import { Temporal } from 'temporal-polyfill';
import { describeDatabase } from '../../../src/server/cli/describe-database';
import { STAFF_PASSWORD, startServer } from '../../support/app';
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

  it('removes the second factors of someone who lost them (the last admin too), audited', async () => {
    const server = await startServer(database.url);
    try {
      const admin = await server.app.auth.addUser({ deskId: server.app.desk.id, email: 'lost-phone@example.org', name: 'Lost Phone', role: 'admin', languages: ['pl'], password: STAFF_PASSWORD });
      const { secret } = await server.app.twoFactor.startTotp(admin);
      const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: server.clock.now().getTime() });
      expect((await server.app.twoFactor.confirmTotp(admin, code)).recoveryCodes).toHaveLength(10);

      expect(await runAdminCli(database.url, ['reset-2fa', '--email', 'lost-phone@example.org'])).toContain('Second factors of lost-phone@example.org removed');
      expect(await server.app.twoFactor.status(admin)).toMatchObject({ totp: false, passkeys: 0, recoveryCodesLeft: 0 });
      const audit = await server.app.audit.page(server.app.desk.id, { limit: 10, action: 'two_factor.reset' });
      expect(audit.entries).toMatchObject([{ actor: null, target: { type: 'staff', id: admin.id } }]);
    } finally {
      await server.close();
    }
  });

  it('refuses to rebuild the report counters of a period that ends before it starts, with its usage', async () => {
    const refused = runAdminCli(database.url, ['rebuild-reports', '--from', '2026-03-31', '--to', '2026-01-01']);
    await expect(refused).rejects.toThrow('exit code 2');
    await expect(refused).rejects.toThrow('--from 2026-03-31 is after --to 2026-01-01');
    await expect(refused).rejects.toThrow('rebuild-reports --from YYYY-MM-DD --to YYYY-MM-DD');
    await expect(refused).rejects.not.toThrow(/\bat .*\.ts:\d+/);
  });

  it('rebuilds the report counters only from the first day retention has not emptied, and says so', async () => {
    const retention = { RETENTION_DAYS: '30' };
    // The CLI runs on the real clock: the office day (Warsaw) after the one thirty days ago, read before and after it runs (midnight may pass).
    const firstLiveDay = () => Temporal.Now.instant().subtract({ hours: 30 * 24 }).toZonedDateTimeISO('Europe/Warsaw').toPlainDate().add({ days: 1 }).toString();
    const candidates = [firstLiveDay()];
    const output = await runAdminCli(database.url, ['rebuild-reports', '--from', '2020-01-01', '--to', '2099-12-31'], retention);
    candidates.push(firstLiveDay());
    const [, rebuiltFrom] = /Report counters of (\d{4}-\d{2}-\d{2}) to 2099-12-31 rebuilt from \d+ facts in the live tables\./.exec(output) ?? [];
    expect(candidates).toContain(rebuiltFrom);
    expect(output).toContain(`The days before ${rebuiltFrom} were kept as counted: retention (RETENTION_DAYS=30) has deleted their live data.`);
    expect(output).toContain(`(database: ${describeDatabase(database.url)})`);
  });

  it('refuses to rebuild a period wholly before the retention cutoff: its counters are the only record left', async () => {
    const retention = { RETENTION_DAYS: '30' };
    const refused = runAdminCli(database.url, ['rebuild-reports', '--from', '2020-01-01', '--to', '2020-12-31'], retention);
    await expect(refused).rejects.toThrow('exit code 2');
    await expect(refused).rejects.toThrow('2020-01-01 to 2020-12-31 lies before');
    await expect(refused).rejects.toThrow('RETENTION_DAYS=30');
  });

  it('rebuilds any period when RETENTION_DAYS=0 keeps everything', async () => {
    const kept = await runAdminCli(database.url, ['rebuild-reports', '--from', '2020-01-01', '--to', '2020-12-31'], { RETENTION_DAYS: '0' });
    expect(kept).toContain('Report counters of 2020-01-01 to 2020-12-31 rebuilt from 0 facts');
    expect(kept).not.toContain('kept as counted');
  });
});
