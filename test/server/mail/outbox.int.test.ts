/**
 * The outbox against a real database and a real SMTP server: attachments survive storage (as a
 * booking's .ics does), a mail is given up after MAX_ATTEMPTS, and without SMTP_URL nothing is
 * stored or sent while the desk still works.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../../../src/server/mail/outbox';
import { serverForSuite, serverWithSmtpForSuite, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import type { TestSmtpServer } from '../../support/smtp';

const MAIL = { to: 'someone@example.org', subject: 'Subject', text: 'Text', html: '<p>Text</p>' };

describe.each(databaseTargets)('mail outbox on $engine', (target) => {
  const suite = serverWithSmtpForSuite(target, { MAIL_FROM: 'Urząd <no-reply@urzad.example>' });
  let smtp: TestSmtpServer;
  let server: TestServer;
  beforeEach(() => {
    ({ server, smtp } = suite());
    smtp.refuse(false);
  });

  it('sends attachments as they were given, from MAIL_FROM', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';
    await server.app.mail.enqueue({ kind: 'test', deskId: server.app.desk.id, mail: { ...MAIL, attachments: [{ filename: 'call.ics', content: ics, contentType: 'text/calendar' }] } });
    const mail = await smtp.nextMail();
    expect(mail.parsed.from?.value).toEqual([{ name: 'Urząd', address: 'no-reply@urzad.example' }]);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: 'call.ics', contentType: 'text/calendar' });
    expect(mail.attachments[0]!.content.toString('utf8')).toBe(ics);
  });

  it(`gives a mail up after ${MAX_ATTEMPTS} failed attempts, keeping it for inspection`, async () => {
    smtp.refuse(true);
    await server.app.mail.enqueue({ kind: 'test', deskId: server.app.desk.id, mail: MAIL });
    await server.app.mail.settled();
    const db = server.database.db;
    await db.updateTable('mail_outbox').set({ attempts: MAX_ATTEMPTS - 1 }).execute();
    server.clock.advance(60 * 60_000);
    await server.app.mail.deliverDue();
    const [row] = await db.selectFrom('mail_outbox').selectAll().execute();
    expect(row).toMatchObject({ desk_id: server.app.desk.id, attempts: MAX_ATTEMPTS, next_attempt_at: null, last_error: '451', given_up_at: server.clock.now().toISOString() });
    server.clock.advance(24 * 60 * 60_000);
    smtp.refuse(false);
    await server.app.mail.deliverDue();
    expect(smtp.pending()).toBe(0);
    await db.deleteFrom('mail_outbox').execute();
  });
});

describe.each(databaseTargets)('without SMTP_URL on $engine', (target) => {
  const suiteServer = serverForSuite(target);
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
    server.clock.set('2026-01-17T10:00:00Z'); // Saturday: closed
  });

  it('still takes a left message, stores no mail, and the private page works', async () => {
    const response = await server.app.server.inject({
      method: 'POST',
      url: '/api/left-messages',
      payload: { language: 'pl', topic: 'work', body: 'Pytanie', email: 'ktos@example.org', consent: true },
    });
    expect(response.statusCode).toBe(201);
    expect(await server.database.db.selectFrom('mail_outbox').selectAll().execute()).toEqual([]);
    const view = await server.app.server.inject({ method: 'GET', url: '/api/left-messages/current', headers: { authorization: `Bearer ${response.json().token}` } });
    expect(view.json()).toMatchObject({ status: 'new', body: 'Pytanie' });
  });
});
