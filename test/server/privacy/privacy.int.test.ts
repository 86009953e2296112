/**
 * Data-subject rights on a real database: an admin finds one person's data by each key, exports
 * it with its files, erases it (and only it, from every table that could hold it) and removes one
 * message's text everywhere, all audited; consultants and supervisors may not, nor another site.
 * The visitor deletes their own left message and booking from the private page. SQLite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../../src/server/tokens';
import type { BookingSlotsResponse, CreateBookingResponse, LeaveMessageResponse, PersonData } from '../../../src/shared/protocol';
import { pdf } from '../../fixtures/files/make';
import { connectVisitor, serverWithSmtpForSuite, signedInStaff, startConversation, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

/** Monday 19 January 2026, 09:00 in Warsaw, before opening: messages are left, the day's slots booked. */
const MONDAY_MORNING = '2026-01-19T08:00:00Z';
/** 11:30 in Warsaw: the desk is open. */
const OPEN = '2026-01-19T10:30:00Z';

describe.each(databaseTargets)('data-subject rights on $engine', (target) => {
  const suite = serverWithSmtpForSuite(target, {
    CONVERSATIONS_PER_MINUTE: '1000',
    LEFT_MESSAGES_PER_HOUR: '1000',
    LOGINS_PER_MINUTE: '1000',
    BOOKINGS_PER_EMAIL: '1000',
    BOOKINGS_PER_IP: '1000',
    MAILS_PER_RECIPIENT_PER_DAY: '1000',
  });
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = suite().server;
    server.clock.set(MONDAY_MORNING);
    admin = (await signedInStaff(server, { role: 'admin', languages: ['uk', 'en'] })).cookie;
  });
  beforeEach(() => {
    server = suite().server;
    server.clock.set(MONDAY_MORNING);
  });
  const inject = (options: InjectOptions) => server.app.server.inject(options);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const privacy = (route: 'find' | 'export' | 'erase', key: string, cookie = admin) =>
    inject({ method: 'POST', url: `/api/admin/privacy/${route}`, headers: { cookie }, payload: { key } });
  const found = async (key: string) => {
    const response = await privacy('find', key);
    expect(response.statusCode).toBe(200);
    return response.json<PersonData>();
  };

  /** One person's trail: a left message with a file, a booking, a closed conversation with a file and a case code — under one unique address. */
  async function person() {
    const email = `Person-${randomUUID()}@Example.org`;
    const body = new FormData();
    body.append('message', JSON.stringify({ language: 'en', topic: 'work', body: `left text ${email}`, email, consent: true }));
    body.append('files', new Blob([new Uint8Array(pdf(300))]), 'letter.pdf');
    const left = await fetch(`${server.baseUrl}/api/left-messages`, { method: 'POST', body });
    expect(left.status).toBe(201);
    const leftMessage = (await left.json()) as LeaveMessageResponse;

    const slots = (await inject({ method: 'GET', url: '/api/bookings/slots?language=uk' })).json<BookingSlotsResponse>().slots;
    const slot = slots.find((free) => free.placesLeft > 0)!.startsAt;
    const booking = await inject({
      method: 'POST',
      url: '/api/bookings',
      payload: { language: 'uk', topic: 'work', callKind: 'video', startsAt: slot, email, timeZone: 'Europe/Warsaw', privacyAccepted: true },
    });
    expect(booking.statusCode).toBe(201);
    const { token: bookingToken } = booking.json<CreateBookingResponse>();
    // The id staff see in the agenda; the visitor's page shows none.
    const stored = await server.database.db.selectFrom('bookings').select(['id', 'starts_at']).where('token_hash', '=', hashToken(bookingToken)).executeTakeFirstOrThrow();
    const booked = { token: bookingToken, id: stored.id, startsAt: stored.starts_at };

    server.clock.set(OPEN);
    const started = await startConversation(server, { visitorName: `Name ${email}` });
    const conversationId = (await server.app.conversations.findByToken(started.token)).id;
    const { socket } = await connectVisitor(server, started.token);
    socket.send({ type: 'message.send', clientId: randomUUID(), body: `chat text ${email}` });
    const ack = await socket.next('ack');
    const upload = new FormData();
    upload.append('clientId', randomUUID());
    upload.append('file', new Blob([new Uint8Array(pdf(200))]), 'passport.pdf');
    expect((await fetch(`${server.baseUrl}/api/conversations/current/files`, { method: 'POST', headers: bearer(started.token), body: upload })).status).toBe(201);
    const code = (await inject({ method: 'POST', url: '/api/conversations/current/case-code', headers: bearer(started.token) })).json<{ code: string }>().code;
    socket.send({ type: 'conversation.end' });
    await socket.next('visitor.conversation.updated', (frame) => frame.conversation.status === 'closed');
    socket.close();
    server.clock.set(MONDAY_MORNING);
    return { email, leftMessage, booked, conversationId, code, chatSeq: ack.seq, conversationToken: started.token };
  }

  it('finds one person’s data by e-mail (any case), reference, case code, conversation id and booking id', async () => {
    const someone = await person();
    const byEmail = await found(someone.email.toLowerCase());
    expect(byEmail.key.kind).toBe('email');
    expect(byEmail.leftMessages.map((message) => message.reference)).toEqual([someone.leftMessage.reference]);
    expect(byEmail.leftMessages[0]!.files.map((file) => file.name)).toEqual(['letter.pdf']);
    expect(byEmail.bookings.map((booking) => booking.id)).toEqual([someone.booked.id]);

    expect((await found(someone.leftMessage.reference.toLowerCase().replaceAll('-', ''))).leftMessages[0]!.body).toBe(`left text ${someone.email}`);
    const byCode = await found(someone.code);
    expect(byCode.conversations.map((conversation) => conversation.id)).toEqual([someone.conversationId]);
    expect(byCode.conversations[0]!.messages.map((message) => message.body)).toContain(`chat text ${someone.email}`);
    expect((await found(someone.conversationId)).conversations[0]!.visitorName).toBe(`Name ${someone.email}`);
    expect((await found(someone.booked.id)).bookings[0]!.email).toBe(someone.email);
    expect((await found('nobody@example.org')).leftMessages).toEqual([]);

    const unknown = await privacy('find', 'just words');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('privacy_key_unrecognised');
  });

  it('exports the data as one JSON file with every file’s bytes base64-encoded', async () => {
    const someone = await person();
    const byEmail = await privacy('export', someone.email);
    expect(byEmail.statusCode).toBe(200);
    expect(byEmail.headers['content-disposition']).toContain('attachment');
    const exported = byEmail.json<PersonData & { leftMessages: { files: { base64: string }[] }[] }>();
    expect(Buffer.from(exported.leftMessages[0]!.files[0]!.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(exported.bookings[0]!.email).toBe(someone.email);

    const conversation = (await privacy('export', someone.conversationId)).json<{ conversations: { messages: { body: string; file: { base64: string; name: string } | null }[] }[] }>();
    const messages = conversation.conversations[0]!.messages;
    expect(messages.map((message) => message.body)).toContain(`chat text ${someone.email}`);
    const file = messages.find((message) => message.file)!.file!;
    const stored = await server.database.db.selectFrom('files').select('data').where('conversation_id', '=', someone.conversationId).executeTakeFirstOrThrow();
    expect(Buffer.from(file.base64, 'base64').equals(Buffer.from(stored.data))).toBe(true);
  });

  it('erases everything of one person, from every table that could hold it, and leaves another person’s data', async () => {
    const someone = await person();
    const other = await person();
    // A block made from each conversation: it holds the visitor's hashes and staff's reason.
    for (const who of [someone, other]) {
      await server.database.db
        .insertInto('visitor_blocks')
        .values({ id: randomUUID(), desk_id: server.app.desk.id, device_hash: null, network_hash: hashToken(who.email), conversation_id: who.conversationId, reason: `Insults from ${who.email}`, staff_id: randomUUID(), staff_name: 'Staff', created_at: OPEN, until: '2026-01-20T10:30:00Z', lifted_at: null })
        .execute();
    }
    const placesLeft = async () => (await inject({ method: 'GET', url: '/api/bookings/slots?language=uk' })).json<BookingSlotsResponse>().slots.find((slot) => slot.startsAt === someone.booked.startsAt)?.placesLeft ?? 0;
    expect(await placesLeft()).toBe(0);
    const erased = await privacy('erase', someone.email);
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ leftMessages: 1, bookings: 1 });
    expect((await privacy('erase', someone.code)).json()).toMatchObject({ conversations: 1 });
    // The erased live booking gave its place back.
    expect(await placesLeft()).toBe(1);

    const traces = async (who: Awaited<ReturnType<typeof person>>) => {
      const db = server.database.db;
      const key = who.email.toLowerCase();
      const byConversation = async (table: 'messages' | 'files' | 'message_translations' | 'conversation_translations' | 'conversation_participants' | 'case_codes' | 'moved_visitor_tokens' | 'calls' | 'visitor_attendance' | 'closing_offers' | 'routing_offers' | 'routing_offer_misses' | 'conversation_notes' | 'conversation_transfers' | 'visitor_blocks') =>
        (await db.selectFrom(table).select('conversation_id').where('conversation_id', '=', who.conversationId).execute()).length;
      const counts = {
        conversations: (await db.selectFrom('conversations').select('id').where('id', '=', who.conversationId).execute()).length,
        messages: await byConversation('messages'),
        files: await byConversation('files'),
        case_codes: await byConversation('case_codes'),
        message_translations: await byConversation('message_translations'),
        conversation_translations: await byConversation('conversation_translations'),
        conversation_participants: await byConversation('conversation_participants'),
        conversation_notes: await byConversation('conversation_notes'),
        conversation_transfers: await byConversation('conversation_transfers'),
        visitor_blocks: await byConversation('visitor_blocks'),
        calls: await byConversation('calls'),
        visitor_attendance: await byConversation('visitor_attendance'),
        closing_offers: await byConversation('closing_offers'),
        moved_visitor_tokens: await byConversation('moved_visitor_tokens'),
        routing_offers: await byConversation('routing_offers'),
        routing_offer_misses: await byConversation('routing_offer_misses'),
        left_messages: (await db.selectFrom('left_messages').select('id').where('reference', '=', who.leftMessage.reference).execute()).length,
        left_message_files: (await db.selectFrom('left_message_files').innerJoin('left_messages', 'left_messages.id', 'left_message_files.left_message_id').select('left_message_files.id').where('left_messages.reference', '=', who.leftMessage.reference).execute()).length,
        left_message_replies: (await db.selectFrom('left_message_replies').innerJoin('left_messages', 'left_messages.id', 'left_message_replies.left_message_id').select('left_message_replies.id').where('left_messages.reference', '=', who.leftMessage.reference).execute()).length,
        bookings: (await db.selectFrom('bookings').select('id').where('id', '=', who.booked.id).execute()).length,
        booking_links: (await db.selectFrom('booking_links').select('booking_id').where('booking_id', '=', who.booked.id).execute()).length,
        mail_outbox: (await db.selectFrom('mail_outbox').select('id').where('recipient', '=', who.email).execute()).length,
        mail_recipient_days: (await db.selectFrom('mail_recipient_days').select('day').where('recipient_key', '=', hashToken(key)).execute()).length,
        booking_holder_locks: (await db.selectFrom('booking_holder_locks').select('holder_key').where('holder_key', '=', hashToken(`email_key:${key}`)).execute()).length,
      };
      return Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));
    };
    expect(await traces(someone)).toEqual({});
    expect(await traces(other)).toMatchObject({ conversations: 1, messages: expect.any(Number), files: 1, case_codes: 1, visitor_blocks: 1, left_messages: 1, left_message_files: 1, bookings: 1, mail_recipient_days: 1, booking_holder_locks: 1 });
    expect((await found(someone.email)).bookings).toEqual([]);
  });

  it('refuses to erase a conversation that is still open', async () => {
    server.clock.set(OPEN);
    // Signed in now: the suite's admin signed in hours earlier, beyond the idle and re-authentication windows.
    const adminNow = (await signedInStaff(server, { role: 'admin' })).cookie;
    const started = await startConversation(server);
    const conversationId = (await server.app.conversations.findByToken(started.token)).id;
    const refused = await privacy('erase', conversationId, adminNow);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('privacy_conversation_open');
    expect((await privacy('find', conversationId, adminNow)).json<PersonData>().conversations).toHaveLength(1);
  });

  it('removes one message’s text, file and translations everywhere, and the visitor’s page and the export keep only the marker', async () => {
    const someone = await person();
    const db = server.database.db;
    const text = `chat text ${someone.email}`;
    await db
      .insertInto('message_translations')
      .values({ conversation_id: someone.conversationId, seq: someone.chatSeq, status: 'translated', source_language: 'en', target_language: 'pl', text: `tłumaczenie ${text}`, updated_at: MONDAY_MORNING })
      .execute();
    const fileSeq = (await db.selectFrom('messages').select('seq').where('conversation_id', '=', someone.conversationId).where('attachment_id', 'is not', null).executeTakeFirstOrThrow()).seq;
    for (const seq of [someone.chatSeq, fileSeq]) {
      const redacted = await inject({ method: 'POST', url: `/api/admin/privacy/conversations/${someone.conversationId}/messages/${seq}/redact`, headers: { cookie: admin } });
      expect(redacted.statusCode).toBe(204);
    }
    const rows = await db.selectFrom('messages').selectAll().where('conversation_id', '=', someone.conversationId).execute();
    expect(rows.some((row) => row.body.includes(someone.email))).toBe(false);
    expect(rows.filter((row) => row.event === 'message_removed').map((row) => row.seq).sort()).toEqual([someone.chatSeq, fileSeq].sort());
    expect(await db.selectFrom('message_translations').select('seq').where('conversation_id', '=', someone.conversationId).execute()).toEqual([]);
    expect(await db.selectFrom('files').select('id').where('conversation_id', '=', someone.conversationId).execute()).toEqual([]);
    // The export (what staff and the visitor's transcript read) shows only the marker.
    const messages = (await found(someone.conversationId)).conversations[0]!.messages;
    expect(messages.find((message) => message.seq === someone.chatSeq)).toMatchObject({ body: '', event: 'message_removed', file: null });
    // The visitor's device (the ended conversation opens for a day) reads the marker, in history and transcript.
    const { socket, welcome } = await connectVisitor(server, someone.conversationToken);
    socket.close();
    expect(JSON.stringify(welcome)).not.toContain(text);
    expect(JSON.stringify(welcome)).toContain('message_removed');
    const transcript = await inject({ method: 'GET', url: '/api/conversations/current/transcript?lang=en', headers: bearer(someone.conversationToken) });
    expect(transcript.statusCode).toBe(200);
    // A system message or one that is not there: nothing to remove.
    expect((await inject({ method: 'POST', url: `/api/admin/privacy/conversations/${someone.conversationId}/messages/999/redact`, headers: { cookie: admin } })).statusCode).toBe(404);
    expect((await inject({ method: 'POST', url: `/api/admin/privacy/conversations/nope/messages/x/redact`, headers: { cookie: admin } })).statusCode).toBe(404);
  });

  it('audits who looked up, exported, erased and redacted, without the key or the content', async () => {
    const someone = await person();
    await privacy('find', someone.email);
    await privacy('export', someone.email);
    await inject({ method: 'POST', url: `/api/admin/privacy/conversations/${someone.conversationId}/messages/${someone.chatSeq}/redact`, headers: { cookie: admin } });
    await privacy('erase', someone.email);
    const rows = await server.database.db.selectFrom('audit_log').selectAll().where('action', 'like', 'privacy.%').orderBy('at').execute();
    const actions = rows.map((row) => row.action);
    for (const action of ['privacy.searched', 'privacy.exported', 'privacy.message_redacted', 'privacy.erased']) expect(actions).toContain(action);
    expect(rows.every((row) => row.actor_id !== null)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(someone.email.toLowerCase().split('@')[0]!.slice(7));
    expect(JSON.parse(rows.find((row) => row.action === 'privacy.erased')!.detail!)).toMatchObject({ key: 'email', leftMessages: 1, bookings: 1 });
  });

  it('is for admins only, and not from another site', async () => {
    const someone = await person();
    for (const role of ['consultant', 'supervisor'] as const) {
      const { cookie } = await signedInStaff(server, { role, languages: ['en'] });
      for (const route of ['find', 'export', 'erase'] as const) expect((await privacy(route, someone.email, cookie)).statusCode).toBe(403);
      const redact = await inject({ method: 'POST', url: `/api/admin/privacy/conversations/${someone.conversationId}/messages/${someone.chatSeq}/redact`, headers: { cookie } });
      expect(redact.statusCode).toBe(403);
    }
    expect((await privacy('find', someone.email, '')).statusCode).toBe(401);
    const crossSite = await inject({ method: 'POST', url: '/api/admin/privacy/erase', headers: { cookie: admin, origin: 'https://elsewhere.example' }, payload: { key: someone.email } });
    expect(crossSite.statusCode).toBe(403);
    expect((await found(someone.email)).bookings).toHaveLength(1);
  });

  it('lets the visitor delete their left message and their booking from the private page', async () => {
    const someone = await person();
    expect((await inject({ method: 'DELETE', url: '/api/left-messages/current', headers: bearer(someone.leftMessage.token) })).statusCode).toBe(204);
    expect((await inject({ method: 'GET', url: '/api/left-messages/current', headers: bearer(someone.leftMessage.token) })).json().code).toBe('left_message_not_found');
    expect((await inject({ method: 'DELETE', url: '/api/bookings/current', headers: bearer(someone.booked.token) })).statusCode).toBe(204);
    expect((await inject({ method: 'GET', url: '/api/bookings/current', headers: bearer(someone.booked.token) })).json().code).toBe('booking_not_found');
    expect((await inject({ method: 'DELETE', url: '/api/bookings/current', headers: bearer(someone.booked.token) })).statusCode).toBe(404);
    const left = await found(someone.email);
    expect([left.leftMessages, left.bookings]).toEqual([[], []]);
    expect(await server.database.db.selectFrom('left_message_files').innerJoin('left_messages', 'left_messages.id', 'left_message_files.left_message_id').select('left_message_files.id').where('left_messages.email', '=', someone.email).execute()).toEqual([]);
  });
});
