/**
 * The thread of a left message: the visitor answers the office's answer on the private page (with
 * files under the chat's rules: types, sizes, the thread's room), the inbox shows the whole thread
 * and takes a further answer, which is mailed like the first; refusals write nothing; every reply
 * and answer is counted once for the reports, and a rebuild from the live tables gives the same
 * counts. On SQLite and PostgreSQL, with a real SMTP server on loopback.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LeaveMessageRequest, LeaveMessageResponse, StaffLeftMessage, VisitorLeftMessage } from '../../../src/shared/protocol';
import { serverWithSmtpForSuite, signedInStaff, STAFF_PASSWORD, startServer, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { RetentionRepository } from '../../../src/server/retention/repository';
import { html, pdf } from '../../fixtures/files/make';

/** A Saturday: the desk is closed, messages are left. */
const SATURDAY = '2026-01-17T10:00:00Z';
const FILES_PER_THREAD = 3;

const request: LeaveMessageRequest = {
  language: 'en',
  topic: 'residence_card',
  body: 'When can I collect my residence card?',
  email: 'visitor@example.org',
  consent: true,
};

function replyForm(body: string, files: { bytes: Buffer; name: string }[]): FormData {
  const form = new FormData();
  form.append('message', JSON.stringify({ body }));
  for (const file of files) form.append('files', new Blob([new Uint8Array(file.bytes)], { type: 'application/octet-stream' }), file.name);
  return form;
}

describe.each(databaseTargets)('the thread of a left message on $engine', (target) => {
  const suite = serverWithSmtpForSuite(target, { LEFT_MESSAGES_PER_HOUR: '1000', LOGINS_PER_MINUTE: '1000', MAILS_PER_RECIPIENT_PER_DAY: '1000', FILES_PER_CONVERSATION: String(FILES_PER_THREAD) });
  let server: TestServer;
  let smtp: TestSmtpServer;
  let cookie: string;
  let email: string;
  beforeEach(async () => {
    ({ server, smtp } = suite());
    server.clock.set(SATURDAY);
    if (!cookie) ({ cookie, email } = await signedInStaff(server, { name: 'Anna Nowak' }));
  });
  /** An hour on, the consultant signs in again: a session unused that long is over (STAFF_SESSION_IDLE_MINUTES). */
  const laterSignedIn = async (at: string) => {
    server.clock.set(at);
    const login = await server.app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: STAFF_PASSWORD } });
    cookie = String(login.headers['set-cookie']).split(';')[0]!;
  };

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const visitorView = async (token: string) =>
    (await fetch(`${server.baseUrl}/api/left-messages/current`, { headers: bearer(token) })).json() as Promise<VisitorLeftMessage>;
  const reply = (token: string, body: string | FormData) =>
    fetch(`${server.baseUrl}/api/left-messages/current/replies`, {
      method: 'POST',
      headers: typeof body === 'string' ? { ...bearer(token), 'content-type': 'application/json' } : bearer(token),
      body: typeof body === 'string' ? JSON.stringify({ body }) : body,
    });
  const staff = (path: string, payload?: unknown) =>
    fetch(`${server.baseUrl}/api/inbox${path}`, {
      method: payload === undefined ? 'GET' : 'POST',
      headers: payload === undefined ? { cookie } : { cookie, 'content-type': 'application/json' },
      ...(payload !== undefined && { body: JSON.stringify(payload) }),
    });
  const answer = async (id: string, text: string) => staff(`/${id}/answer`, { answer: text });

  /** A message left and answered once; its token and inbox id. */
  async function answeredMessage(overrides: Partial<LeaveMessageRequest> = {}): Promise<{ token: string; id: string }> {
    const left = await fetch(`${server.baseUrl}/api/left-messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...request, ...overrides }),
    });
    const { token, reference } = (await left.json()) as LeaveMessageResponse;
    await smtp.nextMail(); // the confirmation
    const listed = ((await (await staff('?status=new')).json()) as { messages: StaffLeftMessage[] }).messages.find((m) => m.reference === reference)!;
    expect((await answer(listed.id, 'From Monday, room 12.')).status).toBe(200);
    await smtp.nextMail(); // the answer
    return { token, id: listed.id };
  }

  it('lets the visitor reply with a file, shows the thread in the inbox, and mails the further answer', async () => {
    const { token, id } = await answeredMessage();
    expect(await visitorView(token)).toMatchObject({ status: 'answered', canReply: true, replies: [] });

    await laterSignedIn('2026-01-17T11:00:00Z');
    const replied = await reply(token, replyForm('Do I need to bring the old card too?', [{ bytes: pdf(), name: 'old card.pdf' }]));
    expect(replied.status).toBe(201);
    const view = (await replied.json()) as VisitorLeftMessage;
    expect(view).toMatchObject({ status: 'new', canReply: true, files: [] });
    expect(view.replies).toEqual([
      { id: expect.any(String), author: 'visitor', body: 'Do I need to bring the old card too?', createdAt: '2026-01-17T11:00:00.000Z', files: [expect.objectContaining({ name: 'old card.pdf', contentType: 'application/pdf' })] },
    ]);
    const fileId = view.replies[0]!.files[0]!.id;
    const download = await fetch(`${server.baseUrl}/api/left-messages/current/files/${fileId}`, { headers: bearer(token) });
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf());

    // The inbox has it among the new ones again, with the whole thread; staff read the file too.
    const fresh = ((await (await staff('?status=new')).json()) as { messages: StaffLeftMessage[] }).messages;
    const listed = fresh.find((message) => message.id === id)!;
    expect(listed).toMatchObject({ answer: 'From Monday, room 12.', replies: [{ author: 'visitor', staff: null }] });
    expect((await fetch(`${server.baseUrl}/api/inbox/${id}/files/${fileId}`, { headers: { cookie } })).status).toBe(200);

    await laterSignedIn('2026-01-17T12:00:00Z');
    const again = await answer(id, 'Yes, bring the old card.');
    expect(again.status).toBe(200);
    const thread = (await again.json()) as StaffLeftMessage;
    expect(thread.status).toBe('answered');
    expect(thread.answer).toBe('From Monday, room 12.');
    expect(thread.replies.map((r) => [r.author, r.body, r.staff?.name ?? null])).toEqual([
      ['visitor', 'Do I need to bring the old card too?', null],
      ['staff', 'Yes, bring the old card.', 'Anna Nowak'],
    ]);
    const mail = await smtp.nextMail();
    expect(mail.to).toEqual(['visitor@example.org']);
    expect(mail.subject).toMatch(/^Answer to your message \(EK-/);
    expect(mail.text).toContain('> Yes, bring the old card.');
    // The visitor sees the answer, without the consultant's name; a second answer to the same reply is refused.
    const seen = await visitorView(token);
    expect(seen.replies.map((r) => [r.author, r.body])).toEqual([
      ['visitor', 'Do I need to bring the old card too?'],
      ['staff', 'Yes, bring the old card.'],
    ]);
    expect(seen.replies[1]).not.toHaveProperty('staff');
    expect((await (await answer(id, 'Twice')).json()).code).toBe('left_message_answered');
  });

  it('refuses a reply before the first answer, once closed, too long, or beyond the files’ rules, writing nothing', async () => {
    const left = await fetch(`${server.baseUrl}/api/left-messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
    const unanswered = ((await left.json()) as LeaveMessageResponse).token;
    await smtp.nextMail();
    const early = await reply(unanswered, 'Any news?');
    expect([early.status, (await early.json()).code]).toEqual([409, 'left_message_not_answered']);
    expect(await visitorView(unanswered)).toMatchObject({ canReply: false, replies: [] });

    const { token, id } = await answeredMessage();
    const refused = async (body: string | FormData) => {
      const response = await reply(token, body);
      return [response.status, (await response.json()).code];
    };
    expect(await refused('x'.repeat(server.app.desk.maxMessageLength + 1))).toEqual([413, 'message_too_long']);
    expect(await refused(replyForm('A page', [{ bytes: html, name: 'page.pdf' }]))).toEqual([415, 'file_type_not_allowed']);
    // The thread holds a conversation's files at most: three in one reply fit, a fourth does not.
    const three = Array.from({ length: FILES_PER_THREAD }, (_, i) => ({ bytes: pdf(), name: `${i}.pdf` }));
    expect((await reply(token, replyForm('Three documents', three))).status).toBe(201);
    expect(await refused(replyForm('One more', [{ bytes: pdf(), name: 'more.pdf' }]))).toEqual([409, 'too_many_files']);
    const view = await visitorView(token);
    expect(view.replies.map((r) => r.body)).toEqual(['Three documents']);

    expect((await staff(`/${id}/close`, {})).status).toBe(200);
    expect(await refused('After closing')).toEqual([409, 'left_message_closed']);
    expect(await visitorView(token)).toMatchObject({ status: 'closed', canReply: false });
    expect((await visitorView(token)).replies).toHaveLength(1);
  });

  it('counts each reply and each answer to one once, and a rebuild from the live tables gives the same counts', async () => {
    const counts = async () => {
      const rows = await server.database.db
        .selectFrom('report_counts')
        .select(['measure'])
        .select((eb) => eb.fn.sum<string | number>('count').as('n'))
        .where('measure', 'like', 'left_message%')
        .groupBy('measure')
        .execute();
      return Object.fromEntries(rows.map((row) => [row.measure, Number(row.n)]));
    };
    const before = await counts();
    const { token, id } = await answeredMessage();
    expect((await reply(token, 'First question')).status).toBe(201);
    expect((await reply(token, 'And a second one')).status).toBe(201); // before the office answered: one answer covers both
    expect((await answer(id, 'Both answered.')).status).toBe(200);
    await smtp.nextMail();
    // A message without an address (a conversation turned into one at closing) counts as answered too.
    const { reference } = await server.app.inbox.leave(server.app.desk, { language: 'en', topic: 'residence_card', body: 'No address', email: null });
    const silent = ((await (await staff('?status=new')).json()) as { messages: StaffLeftMessage[] }).messages.find((m) => m.reference === reference)!;
    expect((await answer(silent.id, 'Read it on your page.')).status).toBe(200);

    const after = await counts();
    const added = (measure: string) => (after[measure] ?? 0) - (before[measure] ?? 0);
    expect({
      received: added('left_message_received'),
      answered: added('left_message_answered'),
      replies: added('left_message_reply'),
      repliesAnswered: added('left_message_reply_answered'),
    }).toEqual({ received: 2, answered: 2, replies: 2, repliesAnswered: 1 });

    await server.app.reports.rebuild(server.app.desk.id, '2026-01-17', '2026-01-17');
    expect(await counts()).toEqual(after);
  });

  it('is kept by retention while its latest answer is recent, whenever the first one was given', async () => {
    const { token, id } = await answeredMessage();
    server.clock.set('2026-03-01T10:00:00Z');
    cookie = (await signedInStaff(server, { name: 'Anna Nowak' })).cookie; // the first session has expired
    expect((await reply(token, 'Weeks later: one more question.')).status).toBe(201);
    const retention = new RetentionRepository(server.database.db);
    // Waiting for an answer: kept whatever its age.
    await retention.deleteLeftMessagesDoneBefore('2026-02-01T00:00:00.000Z', 1000);
    expect((await visitorView(token)).replies).toHaveLength(1);
    expect((await answer(id, 'Here you are.')).status).toBe(200);
    await smtp.nextMail();
    // Answered on 1 March: a cutoff in February keeps it, one after that deletes it.
    await retention.deleteLeftMessagesDoneBefore('2026-02-01T00:00:00.000Z', 1000);
    expect((await visitorView(token)).replies).toHaveLength(2);
    await retention.deleteLeftMessagesDoneBefore('2026-03-02T00:00:00.000Z', 1000);
    const gone = await fetch(`${server.baseUrl}/api/left-messages/current`, { headers: bearer(token) });
    expect(gone.status).toBe(404);
    expect(await server.database.db.selectFrom('left_message_replies').select('id').where('left_message_id', '=', id).execute()).toEqual([]);
  });
});

describe.each(databaseTargets)('answers to a reply from two instances on $engine', (target) => {
  let smtp: TestSmtpServer;
  let first: TestServer;
  let second: TestServer;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    const database = await target.create();
    drop = database.drop;
    // The mail cap per address (test/security) is lifted: these tests mail one address again and again.
    const env = { SMTP_URL: smtp.url, LEFT_MESSAGES_PER_HOUR: '1000', LOGINS_PER_MINUTE: '1000', MAILS_PER_RECIPIENT_PER_DAY: '1000' };
    first = await startServer(database.url, env);
    second = await startServer(database.url, env);
    for (const instance of [first, second]) instance.clock.set(SATURDAY);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await drop?.();
    await smtp?.close();
  });

  it('stores and mails one answer when two consultants answer the same reply at once', async () => {
    const [anna, olek] = [await signedInStaff(first, { name: 'Anna' }), await signedInStaff(second, { name: 'Olek' })];
    const { token, reference } = await first.app.inbox.leave(first.app.desk, { ...request, email: 'visitor@example.org' });
    await smtp.nextMail();
    const id = (await first.app.inbox.list(anna.user, 'new')).find((message) => message.reference === reference)!.id;
    await first.app.inbox.answer(first.app.desk, anna.user, id, 'First answer.');
    await smtp.nextMail();
    await first.app.inbox.reply(first.app.desk, token, 'A follow-up question.');

    const answer = (on: TestServer, staff: typeof anna, text: string) => on.app.inbox.answer(on.app.desk, staff.user, id, text);
    // At the same moment on PostgreSQL; in turn on SQLite (one process holding two connections to one file would wait on itself).
    const results =
      target.engine === 'postgres'
        ? await Promise.allSettled([answer(first, anna, 'From Anna.'), answer(second, olek, 'From Olek.')])
        : [await answer(first, anna, 'From Anna.').then(...settled), await answer(second, olek, 'From Olek.').then(...settled)];
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { code: 'left_message_answered' } });
    await Promise.all([first, second].map((instance) => instance.app.mail.settled()));
    await smtp.nextMail();
    expect(smtp.pending()).toBe(0);
    const thread = await first.app.inbox.thread(await first.app.inbox.get(anna.user, id));
    expect(thread.replies.map((reply) => reply.author)).toEqual(['visitor', 'staff']);
  });
});

const settled = [
  (value: unknown): PromiseSettledResult<unknown> => ({ status: 'fulfilled', value }),
  (reason: unknown): PromiseSettledResult<unknown> => ({ status: 'rejected', reason }),
] as const;
