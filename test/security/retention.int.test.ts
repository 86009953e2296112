/**
 * Finding 7: waiting and active conversations that were abandoned (with their files), unanswered
 * left messages with their e-mail addresses, the audit log, mails never given up, sign-in failures
 * and comments were kept forever. Now each has a rule, every table of the database is listed with
 * its rule in docs/security.md, and the privacy notice states the period.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/server/i18n';
import { RetentionJob } from '../../src/server/retention/job';
import { RetentionRepository } from '../../src/server/retention/repository';
import { UI_LANGUAGES } from '../../src/shared/languages';
import { pdf } from '../fixtures/files/make';
import { connectVisitor, serverWithSmtpForSuite, signedInStaff, startConversation, type TestServer } from '../support/app';
import { databaseTargets } from '../support/databases';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A Wednesday noon in Warsaw: the desk is open. */
const START = '2026-01-14T11:00:00Z';
const daysAfter = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

/** The tables named in the first column of docs/security.md's retention table. */
function documentedTables(): Set<string> {
  const text = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');
  const section = text.split('## Retention of personal data')[1]?.split('\n## ')[0] ?? '';
  const firstCells = section.split('\n').filter((line) => line.startsWith('| `')).map((line) => line.split('|')[1]!);
  return new Set(firstCells.flatMap((cell) => [...cell.matchAll(/`([a-z_]+)`/g)].map((match) => match[1]!)));
}

describe.each(databaseTargets)('retention of every table on $engine', (target) => {
  const suite = serverWithSmtpForSuite(target, { CONVERSATIONS_PER_MINUTE: '1000', LEFT_MESSAGES_PER_HOUR: '1000', LOGINS_PER_MINUTE: '1000', RETENTION_DAYS: '30', AUDIT_RETENTION_DAYS: '60' });
  let server: TestServer;
  beforeEach(() => {
    server = suite().server;
  });
  const inject = (options: InjectOptions) => server.app.server.inject(options);
  const job = () => new RetentionJob(new RetentionRepository(server.database.db), server.clock, { days: 30, auditDays: 60 }, server.app.server.log);
  const count = async (table: 'conversations' | 'files' | 'left_messages' | 'left_message_files' | 'audit_log' | 'sign_in_failures' | 'mail_outbox' | 'satisfaction_comments' | 'mail_recipient_days') => {
    const row = await server.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('lists every table of the database with its rule in docs/security.md', async () => {
    const tables = (await server.database.db.introspection.getTables())
      .map((table) => table.name)
      .filter((name) => !/^help_search_(data|idx|content|docsize|config)$/.test(name)); // SQLite's FTS5 shadow tables
    const documented = documentedTables();
    expect(tables.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('deletes abandoned waiting conversations with their files after RETENTION_DAYS of quiet, but not one still written in', async () => {
    server.clock.set(START);
    const abandoned = await startConversation(server);
    const quietThenBusy = await startConversation(server);
    const body = new FormData();
    body.append('clientId', randomUUID());
    body.append('file', new Blob([new Uint8Array(pdf())]), 'passport.pdf');
    const upload = await fetch(`${server.baseUrl}/api/conversations/current/files`, { method: 'POST', headers: { authorization: `Bearer ${abandoned.token}` }, body });
    expect(upload.status).toBe(201);
    const filesBefore = await count('files');
    const busyId = (await server.app.conversations.findByToken(quietThenBusy.token)).id;

    server.clock.set(daysAfter(START, 20));
    const message = { type: 'message.send' as const, clientId: randomUUID(), body: 'Still there?' };
    const { socket } = await connectVisitor(server, quietThenBusy.token);
    socket.send(message);
    await socket.next('ack');
    await socket.close();

    server.clock.set(daysAfter(START, 31));
    const deleted = await job().runOnce();
    expect(deleted.conversations).toBeGreaterThanOrEqual(1);
    const left = await server.database.db.selectFrom('conversations').select('id').execute();
    const ids = left.map((row) => row.id);
    expect(ids).toEqual([busyId]);
    expect(await count('files')).toBe(filesBefore - 1);
  });

  it('deletes a left message nobody answered, with its e-mail address and files, RETENTION_DAYS after it was left', async () => {
    server.clock.set('2026-03-07T10:00:00Z'); // a Saturday: the desk takes messages
    const form = new FormData();
    form.append('message', JSON.stringify({ language: 'en', topic: 'work', body: 'Where do I collect my card?', email: 'unanswered@example.org', consent: true }));
    form.append('files', new Blob([new Uint8Array(pdf())], { type: 'application/pdf' }), 'card.pdf');
    const left = await fetch(`${server.baseUrl}/api/left-messages`, { method: 'POST', body: form });
    expect(left.status, await left.clone().text()).toBe(201);
    const before = { messages: await count('left_messages'), files: await count('left_message_files') };
    expect(before.files).toBeGreaterThan(0);

    server.clock.set(daysAfter('2026-03-07T10:00:00Z', 29));
    await job().runOnce();
    expect(await count('left_messages')).toBe(before.messages);
    server.clock.set(daysAfter('2026-03-07T10:00:00Z', 31));
    await job().runOnce();
    const remaining = await server.database.db.selectFrom('left_messages').select('email').execute();
    expect(remaining.map((row) => row.email)).not.toContain('unanswered@example.org');
    expect(await count('left_message_files')).toBeLessThan(before.files);
  });

  it('deletes audit entries after AUDIT_RETENTION_DAYS and sign-in failure counts 30 days after the last failure', async () => {
    server.clock.set('2026-05-01T08:00:00Z');
    const { email } = await signedInStaff(server);
    const wrong = await inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'not the password at all' } });
    expect(wrong.statusCode).toBe(401);
    const audited = await count('audit_log');
    expect(audited).toBeGreaterThan(0);
    expect(await count('sign_in_failures')).toBeGreaterThan(0);

    server.clock.set(daysAfter('2026-05-01T08:00:00Z', 31));
    expect((await job().runOnce()).signInFailures).toBeGreaterThan(0);
    expect(await count('sign_in_failures')).toBe(0);
    expect(await count('audit_log')).toBe(audited);

    server.clock.set(daysAfter('2026-05-01T08:00:00Z', 61));
    expect((await job().runOnce()).auditEntries).toBeGreaterThanOrEqual(audited);
    expect(await count('audit_log')).toBe(0);
  });

  it('deletes any mail and comment RETENTION_DAYS after it was stored, and the per-address mail counts after two days', async () => {
    const at = '2026-07-01T08:00:00.000Z';
    server.clock.set(at);
    const db = server.database.db;
    // A mail still being retried (never given up), as a stuck outbox would keep it.
    await db
      .insertInto('mail_outbox')
      .values({ id: randomUUID(), desk_id: server.app.desk.id, recipient: 'stuck@example.org', subject: 's', text_body: 't', html_body: 'h', attachments: '[]', created_at: at, attempts: 3, next_attempt_at: daysAfter(at, 40), last_error: '421', given_up_at: null })
      .execute();
    await db.insertInto('satisfaction_comments').values({ id: randomUUID(), desk_id: server.app.desk.id, created_at: at, language: 'en', channel: 'chat', rating: 2, comment: 'Call me, Jan Kowalski' }).execute();
    await db.insertInto('mail_recipient_days').values({ recipient_key: 'hash', day: at.slice(0, 10), mails: 3 }).execute();

    server.clock.set(daysAfter(at, 3));
    await job().runOnce();
    expect(await count('mail_recipient_days')).toBe(0);
    expect(await count('mail_outbox')).toBeGreaterThan(0);

    server.clock.set(daysAfter(at, 31));
    const deleted = await job().runOnce();
    expect(deleted.comments).toBe(1);
    const recipients = await db.selectFrom('mail_outbox').select('recipient').execute();
    expect(recipients.map((row) => row.recipient)).not.toContain('stuck@example.org');
  });

  it('states in the privacy notice, in every visitor language, that left messages and bookings go after the period too', () => {
    for (const language of UI_LANGUAGES) {
      const text = translator(language, 'visitor')('privacy.points.retention', { days: 30 });
      expect(text, language).toContain('30');
    }
    expect(translator('en', 'visitor')('privacy.points.retention', { days: 30 })).toMatch(/left.*book|book.*left/i);
  });
});
