/**
 * Finding 9: the private link's token sat in plain text in the mail outbox (bodies and the calendar
 * file), so a copy of the database held working links to visitors' bookings and messages. Now the
 * stored mail holds a placeholder and the token only sealed; the mail sent still carries the link,
 * on a retry from another instance too.
 */
import { describe, expect, it } from 'vitest';
import { SecretSealer } from '../../src/server/mail/sealing';
import type { BookingSlotsResponse, CreateBookingResponse } from '../../src/shared/protocol';
import { serverWithSmtpForSuite, signedInStaff } from '../support/app';
import { databaseTargets } from '../support/databases';

describe.each(databaseTargets)('private links in the outbox on $engine', (target) => {
  const suite = serverWithSmtpForSuite(target, { LEFT_MESSAGES_PER_HOUR: '1000', CONVERSATIONS_PER_MINUTE: '1000', OUTBOX_SEALING_KEY: 'a test key of at least thirty-two characters' });

  it('stores a booking’s and a left message’s mails without the token, and sends them with the working link', async () => {
    const { server, smtp } = suite();
    smtp.refuse(true); // the mails stay in the outbox to be looked at
    server.clock.set('2026-01-19T08:00:00Z'); // Monday morning
    await signedInStaff(server, { languages: ['uk'] });
    const slots = (await server.app.server.inject({ method: 'GET', url: '/api/bookings/slots?language=uk' })).json<BookingSlotsResponse>().slots;
    const booked = await server.app.server.inject({
      method: 'POST',
      url: '/api/bookings',
      payload: { language: 'uk', topic: 'work', callKind: 'video', startsAt: slots[0]!.startsAt, email: 'olena@example.org', timeZone: 'Europe/Kyiv', privacyAccepted: true },
    });
    const bookingToken = booked.json<CreateBookingResponse>().token;
    server.clock.set('2026-01-17T10:00:00Z');
    const left = await server.app.server.inject({
      method: 'POST',
      url: '/api/left-messages',
      payload: { language: 'en', topic: 'work', body: 'Where is my card?', email: 'amara@example.org', consent: true },
    });
    const messageToken = left.json<{ token: string }>().token;
    await server.app.mail.settled();

    const rows = await server.database.db.selectFrom('mail_outbox').selectAll().execute();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const stored = JSON.stringify({ ...row, attachments: JSON.parse(row.attachments).map((a: { base64: string }) => Buffer.from(a.base64, 'base64').toString('utf8').replace(/\r\n[ \t]/g, '')) });
      expect(stored).not.toContain(bookingToken);
      expect(stored).not.toContain(messageToken);
      expect(stored).toContain('{{private-link-token}}');
      expect(row.sealed_secret).toBeTruthy();
    }

    smtp.refuse(false);
    server.clock.advance(10 * 60_000);
    await server.app.mail.deliverDue();
    const mails = [await smtp.nextMail(), await smtp.nextMail()];
    const booking = mails.find((mail) => mail.to.includes('olena@example.org'))!;
    expect(booking.text).toContain(`/booking?lang=uk#${bookingToken}`);
    const calendar = booking.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'))!;
    expect(calendar.content.toString('utf8').replace(/\r\n[ \t]/g, '')).toContain(bookingToken);
    for (const line of calendar.content.toString('utf8').split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(mails.find((mail) => mail.to.includes('amara@example.org'))!.html).toContain(`/message?lang=en#${messageToken}`);
  });
});

describe('the outbox sealer', () => {
  it('opens what it sealed, and refuses what another key sealed or someone changed', () => {
    const sealer = new SecretSealer('one key');
    const sealed = sealer.seal('the token');
    expect(sealed).not.toContain('the token');
    expect(sealer.open(sealed)).toBe('the token');
    expect(() => new SecretSealer('another key').open(sealed)).toThrow();
    const changed = Buffer.from(sealed, 'base64');
    changed[changed.length - 1]! ^= 1;
    expect(() => sealer.open(changed.toString('base64'))).toThrow();
  });
});
