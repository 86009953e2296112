/**
 * A desk without SMTP_URL promises no e-mail: the desk info says so, a left message and a booking
 * need no address (one sent anyway is not kept), and the inbox tells staff the answer is read on
 * the private page. With SMTP the address is kept and the answer goes by e-mail.
 */
import type { InjectOptions } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BookingSlotsResponse, DeskInfo, LeaveMessageResponse, StaffLeftMessage } from '../../../src/shared/protocol';
import { serverForSuite, serverWithSmtpForSuite, signedInStaff, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

/** Monday 19 January 2026, 09:00 in Warsaw: before opening, so bookings for today are offered. */
const MONDAY_MORNING = '2026-01-19T08:00:00Z';
const LEAVE = { language: 'uk', topic: 'residence_card', body: 'Коли можна забрати карту?', consent: true };

async function inboxEntry(server: TestServer, reference: string): Promise<StaffLeftMessage> {
  // A consultant sees the left messages in their languages (least privilege): this one is in Ukrainian.
  const { cookie } = await signedInStaff(server, { languages: ['uk', 'pl'] });
  const list = await server.app.server.inject({ method: 'GET', url: '/api/inbox', headers: { cookie } });
  return list.json<{ messages: StaffLeftMessage[] }>().messages.find((message) => message.reference === reference)!;
}

describe.each(databaseTargets)('without SMTP on $engine', (target) => {
  const server = serverForSuite(target, { CONVERSATIONS_PER_MINUTE: '1000', LEFT_MESSAGES_PER_HOUR: '1000' });
  beforeEach(() => server().clock.set(MONDAY_MORNING));
  const inject = (options: InjectOptions) => server().app.server.inject(options);
  const countRows = async (table: 'bookings' | 'mail_outbox') =>
    Number((await server().database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('says in the desk info that no e-mail is sent', async () => {
    expect((await inject({ method: 'GET', url: '/api/desk' })).json<DeskInfo>().sendsEmail).toBe(false);
  });

  it('takes a left message without an address, keeps none sent anyway, and tells staff the answer is read on the private page', async () => {
    const without = await inject({ method: 'POST', url: '/api/left-messages', payload: LEAVE });
    expect(without.statusCode).toBe(201);
    const given = await inject({ method: 'POST', url: '/api/left-messages', payload: { ...LEAVE, email: 'oksana@example.org' } });
    expect(given.statusCode).toBe(201);

    for (const response of [without, given]) {
      const entry = await inboxEntry(server(), response.json<LeaveMessageResponse>().reference);
      expect(entry).toMatchObject({ email: null, answerByEmail: false });
    }
    const stored = await server().database.db.selectFrom('left_messages').select('email').execute();
    expect(stored.map((row) => row.email)).not.toContain('oksana@example.org');
    expect(await countRows('mail_outbox')).toBe(0);
  });

  it('books a call without an address; its private link is the way back', async () => {
    await signedInStaff(server(), { languages: ['uk', 'pl'] });
    const slots = (await inject({ method: 'GET', url: '/api/bookings/slots?language=uk' })).json<BookingSlotsResponse>().slots;
    const response = await inject({
      method: 'POST',
      url: '/api/bookings',
      payload: { language: 'uk', topic: 'residence_card', callKind: 'voice', startsAt: slots[0]!.startsAt, timeZone: 'Europe/Warsaw', privacyAccepted: true },
    });
    expect(response.statusCode).toBe(201);
    const { token } = response.json<{ token: string }>();
    const view = await inject({ method: 'GET', url: '/api/bookings/current', headers: { authorization: `Bearer ${token}` } });
    expect(view.json()).toMatchObject({ booking: { status: 'booked', startsAt: slots[0]!.startsAt } });
    expect(await countRows('mail_outbox')).toBe(0);
  });
});

describe.each(databaseTargets)('with SMTP on $engine', (target) => {
  const suite = serverWithSmtpForSuite(target, { LEFT_MESSAGES_PER_HOUR: '1000' });

  it('says e-mail is sent, keeps the address and tells staff the answer goes by e-mail', async () => {
    const { server, smtp } = suite();
    expect((await server.app.server.inject({ method: 'GET', url: '/api/desk' })).json<DeskInfo>().sendsEmail).toBe(true);
    const response = await server.app.server.inject({ method: 'POST', url: '/api/left-messages', payload: { ...LEAVE, email: 'oksana@example.org' } });
    expect(response.statusCode).toBe(201);
    await smtp.nextMail();
    expect(await inboxEntry(server, response.json<LeaveMessageResponse>().reference)).toMatchObject({ email: 'oksana@example.org', answerByEmail: true });
  });

  it('still takes a left message without an address, unlike a booking', async () => {
    const { server, smtp } = suite();
    const response = await server.app.server.inject({ method: 'POST', url: '/api/left-messages', payload: LEAVE });
    expect(response.statusCode, response.body).toBe(201);
    expect(await inboxEntry(server, response.json<LeaveMessageResponse>().reference)).toMatchObject({ answerByEmail: false });
    expect(smtp.pending()).toBe(0);
  });
});
