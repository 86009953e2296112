import { describe, expect, it, vi } from 'vitest';
import { connectStaff, connectVisitor, startConversation, twoInstancesForSuite } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import type { TestSocket } from '../../support/ws-client';
import { connectedConsultant, ROUTING_TEST_ENV, routingServerForEachTest } from './support';

const MINUTE = 60_000;

function offersTo(socket: TestSocket): string[] {
  return socket.received.flatMap((frame) => (frame.type === 'routing.offer' ? [frame.conversation.id] : []));
}

describe.each(databaseTargets)('routing on $engine', (target) => {
  const server = routingServerForEachTest(target, { ROUTING_OFFER_TIMEOUT_SECONDS: '30', ROUTING_DISCONNECT_GRACE_SECONDS: '60' });

  async function conversationId(token: string): Promise<string> {
    return (await server().app.conversations.findByToken(token)).id;
  }

  it('offers a new conversation to one consultant — the one idle longest who speaks its language — and accepting is the take', async () => {
    const ukrainian = await connectedConsultant(server(), { name: 'Olena', languages: ['pl', 'uk'] });
    server().clock.advance(MINUTE);
    const english = await connectedConsultant(server(), { name: 'Anna', languages: ['pl', 'en'] });
    server().clock.advance(MINUTE);
    const englishLater = await connectedConsultant(server(), { name: 'Beata', languages: ['en'] });

    const started = await startConversation(server(), { language: 'en' });
    const id = await conversationId(started.token);
    const offer = await english.socket.next('routing.offer', (f) => f.conversation.id === id);
    expect(offer.expiresAt).toBe(new Date(server().clock.now().getTime() + 30_000).toISOString());
    // What the console counts down from, whatever its own clock says.
    expect(Date.parse(offer.expiresAt) - Date.parse(offer.sentAt)).toBe(30_000);
    await server().app.routing.refresh();
    expect(offersTo(ukrainian.socket)).toEqual([]);
    expect(offersTo(englishLater.socket)).toEqual([]);

    english.socket.send({ type: 'conversation.take', conversationId: id });
    await english.socket.next('history', (f) => f.conversationId === id);
    await english.socket.next('routing.offer.ended', (f) => f.conversationId === id);
    const conversation = await server().app.conversations.findById(id);
    expect(conversation).toMatchObject({ status: 'active', assignee_id: english.id });
  });

  it("offers a visitor whose language is not listed to an interpreter of it first; the conversation and the staff summary carry it", async () => {
    const idleRussian = await connectedConsultant(server(), { name: 'Irina', languages: ['pl', 'ru'] });
    server().clock.advance(MINUTE);
    const interpreter = await connectedConsultant(server(), { name: 'Dilnoza', languages: ['pl', 'ru'], interpreterLanguages: ['uz'] });

    const started = await startConversation(server(), { language: 'ru', spokenLanguage: 'uz' });
    const id = await conversationId(started.token);
    const offer = await interpreter.socket.next('routing.offer', (f) => f.conversation.id === id);
    expect(offer.conversation).toMatchObject({ language: 'ru', spokenLanguage: 'uz' });
    await server().app.routing.refresh();
    expect(offersTo(idleRussian.socket)).toEqual([]);
    expect(await server().app.conversations.findById(id)).toMatchObject({ language: 'ru', spoken_language: 'uz' });

    const plain = await startConversation(server(), { language: 'ru' });
    const plainId = await conversationId(plain.token);
    await idleRussian.socket.next('routing.offer', (f) => f.conversation.id === plainId);
  });

  it('refuses a spoken language that is not a language subtag', async () => {
    const response = await server().app.server.inject({
      method: 'POST',
      url: '/api/conversations',
      payload: { language: 'en', topic: 'work', privacyAccepted: true, spokenLanguage: 'Uzbek; drop table' },
    });
    expect(response.statusCode).toBe(400);
  });

  it('gives a conversation to exactly one of several consultants who accept at the same moment', async () => {
    const consultants = await Promise.all([1, 2, 3, 4].map((n) => connectedConsultant(server(), { name: `C${n}` })));
    for (let round = 0; round < 5; round++) {
      const id = await conversationId((await startConversation(server())).token);
      for (const { socket } of consultants) socket.send({ type: 'conversation.take', conversationId: id });
      const answers = await Promise.all(
        consultants.map(({ socket }) =>
          Promise.race([
            socket.next('history', (f) => f.conversationId === id).then(() => 'taken'),
            socket.next('error', (f) => f.conversationId === id).then((f) => f.code),
          ]),
        ),
      );
      expect(answers.filter((a) => a === 'taken')).toHaveLength(1);
      expect(answers.filter((a) => a === 'already_taken')).toHaveLength(3);
      const messages = await server().app.conversations.messagesAfter(id, 0);
      expect(messages.filter((m) => m.event === 'consultant_joined')).toHaveLength(1);
    }
  });

  it('never offers a consultant more than their maximum, counting offers not yet answered, and offers again when one closes', async () => {
    const consultant = await connectedConsultant(server(), { maxConcurrent: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await conversationId((await startConversation(server())).token));
      server().clock.advance(1000);
    }
    await consultant.socket.next('routing.offer', (f) => f.conversation.id === ids[0]);
    await consultant.socket.next('routing.offer', (f) => f.conversation.id === ids[1]);
    await server().app.routing.refresh();
    expect(offersTo(consultant.socket)).toEqual([ids[0], ids[1]]);

    consultant.socket.send({ type: 'conversation.take', conversationId: ids[0]! });
    consultant.socket.send({ type: 'conversation.take', conversationId: ids[1]! });
    await consultant.socket.next('history', (f) => f.conversationId === ids[1]);
    await server().app.routing.refresh();
    expect(offersTo(consultant.socket)).toEqual([ids[0], ids[1]]);

    consultant.socket.send({ type: 'conversation.close', conversationId: ids[0]!, topic: 'work', outcome: 'answered' });
    await consultant.socket.next('routing.offer', (f) => f.conversation.id === ids[2]);
  });

  it('moves an offer that times out to the next consultant, and back round when everyone let it pass', async () => {
    const first = await connectedConsultant(server(), { name: 'First' });
    server().clock.advance(MINUTE);
    const second = await connectedConsultant(server(), { name: 'Second' });
    const id = await conversationId((await startConversation(server())).token);
    await first.socket.next('routing.offer', (f) => f.conversation.id === id);

    server().clock.advance(29_000);
    await server().app.routing.sweep();
    expect(offersTo(second.socket)).toEqual([]);

    server().clock.advance(1_000);
    await server().app.routing.sweep();
    await first.socket.next('routing.offer.ended', (f) => f.conversationId === id);
    await second.socket.next('routing.offer', (f) => f.conversation.id === id);

    second.socket.send({ type: 'routing.decline', conversationId: id });
    await second.socket.next('routing.offer.ended', (f) => f.conversationId === id);
    await first.socket.next('routing.offer', (f) => f.conversation.id === id);
  });

  it('does not offer to a consultant who is away; colleagues see the change', async () => {
    const away = await connectedConsultant(server(), { name: 'Away' });
    server().clock.advance(MINUTE);
    const colleague = await connectedConsultant(server(), { name: 'Colleague' });
    expect(await colleague.socket.next('staff.presence.list')).toMatchObject({
      staff: expect.arrayContaining([expect.objectContaining({ id: away.id, availability: 'available' })]),
    });

    away.socket.send({ type: 'staff.availability', availability: 'away' });
    await colleague.socket.next('staff.presence', (f) => f.staff.id === away.id && f.staff.availability === 'away');
    const id = await conversationId((await startConversation(server())).token);
    await colleague.socket.next('routing.offer', (f) => f.conversation.id === id);
    expect(offersTo(away.socket)).toEqual([]);
  });

  it('in manual mode offers nothing and withdraws pending offers; consultants pick from the queue', async () => {
    const admin = await connectedConsultant(server(), { role: 'admin', languages: ['pl'] });
    const consultant = await connectedConsultant(server(), { languages: ['en'] });
    const first = await conversationId((await startConversation(server())).token);
    await consultant.socket.next('routing.offer', (f) => f.conversation.id === first);

    const response = await server().app.server.inject({
      method: 'PUT',
      url: '/api/admin/routing',
      headers: { cookie: admin.cookie },
      payload: { mode: 'manual' },
    });
    expect(response.json()).toEqual({ mode: 'manual', offerTimeoutSeconds: 30, disconnectGraceSeconds: 60 });
    await consultant.socket.next('routing.offer.ended', (f) => f.conversationId === first);

    const second = await conversationId((await startConversation(server())).token);
    await consultant.socket.next('conversation.updated', (f) => f.conversation.id === second);
    await server().app.routing.refresh();
    expect(offersTo(consultant.socket)).toEqual([first]);
    consultant.socket.send({ type: 'conversation.take', conversationId: second });
    await consultant.socket.next('history', (f) => f.conversationId === second);
  });

  it('returns the conversations of a consultant gone past the grace period to the front of the queue and tells the visitor', async () => {
    const leaving = await connectedConsultant(server(), { name: 'Leaving', languages: ['uk'] });
    const watcher = await connectedConsultant(server(), { name: 'Watcher', languages: ['pl'] });
    const started = await startConversation(server(), { language: 'uk' });
    const id = await conversationId(started.token);
    await leaving.socket.next('routing.offer', (f) => f.conversation.id === id);
    leaving.socket.send({ type: 'conversation.take', conversationId: id });
    await leaving.socket.next('history', (f) => f.conversationId === id);
    server().clock.advance(MINUTE);
    const later = await startConversation(server(), { language: 'uk' });
    const visitor = await connectVisitor(server(), started.token);

    leaving.socket.close();
    await leaving.socket.closed;
    await expect.poll(() => server().database.db.selectFrom('staff_connections').select('closed_at').where('staff_id', '=', leaving.id).executeTakeFirst()).toMatchObject({ closed_at: expect.any(String) });
    server().clock.advance(59_000);
    await server().app.routing.sweep();
    expect((await server().app.conversations.findById(id)).status).toBe('active');

    server().clock.advance(1_000);
    await server().app.routing.sweep();
    const notice = await visitor.socket.next('message', (f) => f.message.event === 'consultant_disconnected');
    expect(notice.message.author).toBe('system');
    await visitor.socket.next('visitor.conversation.updated', (f) => f.conversation.status === 'waiting');
    const queue = await visitor.socket.next('visitor.queue');
    expect(queue.queue.position).toBe(1);
    const returned = await server().app.conversations.findById(id);
    expect(returned).toMatchObject({ status: 'waiting', assignee_id: null, waiting_since: returned.created_at });
    expect(returned.waiting_since! < (await server().app.conversations.findByToken(later.token)).waiting_since!).toBe(true);
    await watcher.socket.next('staff.presence', (f) => f.staff.id === leaving.id && f.staff.availability === 'offline');
  });

  it('keeps the conversations of a consultant who comes back within the grace period', async () => {
    const consultant = await connectedConsultant(server());
    const id = await conversationId((await startConversation(server())).token);
    consultant.socket.send({ type: 'conversation.take', conversationId: id });
    await consultant.socket.next('history', (f) => f.conversationId === id);
    consultant.socket.close();
    await consultant.socket.closed;
    server().clock.advance(30_000);
    const { socket } = await connectStaff(server(), consultant.cookie);
    server().clock.advance(MINUTE);
    await server().app.routing.sweep();
    expect((await server().app.conversations.findById(id)).status).toBe('active');
    socket.close();
  });

  it('puts a conversation transferred to the queue at its back, or at the front when asked', async () => {
    const consultant = await connectedConsultant(server(), { languages: ['pl'] });
    const first = await conversationId((await startConversation(server(), { language: 'en' })).token);
    consultant.socket.send({ type: 'conversation.take', conversationId: first });
    await consultant.socket.next('history', (f) => f.conversationId === first);
    server().clock.advance(MINUTE);
    const second = await conversationId((await startConversation(server(), { language: 'en' })).token);
    server().clock.advance(MINUTE);

    expect(await server().app.conversations.returnToQueue(first, 'transfer', { front: false, fromStaffId: consultant.id })).toBe(true);
    expect(await server().app.conversations.returnToQueue(first, 'transfer', { front: false })).toBe(false);
    const back = await server().app.conversations.findById(first);
    expect(back.waiting_since).toBe(server().clock.now().toISOString());
    expect((await server().app.routing.queueStatus(first))?.position).toBe(2);
    expect((await server().app.routing.queueStatus(second))?.position).toBe(1);
    const messages = await server().app.conversations.messagesAfter(first, 0);
    expect(messages.at(-1)).toMatchObject({ author: 'system', event: 'returned_to_queue' });
  });
});

describe.each(databaseTargets)('the waiting visitor on $engine', (target) => {
  const server = routingServerForEachTest(target);

  it('sees their place and an estimate that follows the queue, in whole minutes from recent handling times', async () => {
    const consultant = await connectedConsultant(server(), { languages: ['en'], maxConcurrent: 1 });
    // Three handled conversations of 6, 8 and 10 minutes: a mean handling time of 8 minutes.
    for (const minutes of [6, 8, 10]) {
      const id = (await server().app.conversations.findByToken((await startConversation(server())).token)).id;
      consultant.socket.send({ type: 'conversation.take', conversationId: id });
      await consultant.socket.next('history', (f) => f.conversationId === id);
      server().clock.advance(minutes * MINUTE);
      consultant.socket.send({ type: 'conversation.close', conversationId: id, topic: 'work', outcome: 'answered' });
      await consultant.socket.next('conversation.updated', (f) => f.conversation.id === id && f.conversation.status === 'closed');
    }
    const busy = (await server().app.conversations.findByToken((await startConversation(server())).token)).id;
    consultant.socket.send({ type: 'conversation.take', conversationId: busy });
    await consultant.socket.next('history', (f) => f.conversationId === busy);

    const first = await startConversation(server());
    server().clock.advance(1000);
    const second = await startConversation(server());
    const firstVisitor = await connectVisitor(server(), first.token);
    const secondVisitor = await connectVisitor(server(), second.token);
    expect((await firstVisitor.socket.next('visitor.queue')).queue).toEqual({ position: 1, estimateMinutes: 8, pastClosing: false, languagesOnDuty: ['en'] });
    expect((await secondVisitor.socket.next('visitor.queue')).queue).toMatchObject({ position: 2, estimateMinutes: 15 });

    firstVisitor.socket.send({ type: 'conversation.end' });
    await secondVisitor.socket.next('visitor.queue', (f) => f.queue.position === 1 && f.queue.estimateMinutes === 8);
  });

  it('has no place once taken, and its status reads nothing of the desk (after a restart most hellos are such)', async () => {
    const consultant = await connectedConsultant(server(), { languages: ['en'] });
    const taken = (await server().app.conversations.findByToken((await startConversation(server())).token)).id;
    consultant.socket.send({ type: 'conversation.take', conversationId: taken });
    await consultant.socket.next('history', (f) => f.conversationId === taken);
    const waiting = (await server().app.conversations.findByToken((await startConversation(server())).token)).id;
    // Only the queue's snapshot reads the schedule, and no sweep does while no visitor is connected.
    const scheduleRead = vi.spyOn(server().app.schedule, 'status');

    expect(await server().app.routing.queueStatus(taken)).toBeNull();
    expect(scheduleRead).not.toHaveBeenCalled();
    expect(await server().app.routing.queueStatus(waiting)).toMatchObject({ position: 1 });
    expect(scheduleRead).toHaveBeenCalledTimes(1);
  });

  it('is told honestly when the estimate runs past closing', async () => {
    server().clock.set('2026-01-14T12:40:00Z'); // 13:40 in Warsaw; the desk closes at 14:00
    const consultant = await connectedConsultant(server(), { languages: ['en'], maxConcurrent: 1 });
    const busy = (await server().app.conversations.findByToken((await startConversation(server())).token)).id;
    consultant.socket.send({ type: 'conversation.take', conversationId: busy });
    await consultant.socket.next('history', (f) => f.conversationId === busy);
    const started = await startConversation(server());
    const visitor = await connectVisitor(server(), started.token);
    expect((await visitor.socket.next('visitor.queue')).queue).toMatchObject({ position: 1, estimateMinutes: 8, pastClosing: false });

    server().clock.set('2026-01-14T12:55:00Z');
    await server().app.routing.refresh();
    const late = await visitor.socket.next('visitor.queue', (f) => f.queue.pastClosing);
    expect(late.queue).toMatchObject({ position: 1, estimateMinutes: 8 });
  });

  it('learns which languages are spoken on duty when nobody speaks theirs, and may continue in one of them', async () => {
    const started = await startConversation(server(), { language: 'ru' });
    const visitor = await connectVisitor(server(), started.token);
    expect((await visitor.socket.next('visitor.queue')).queue).toEqual({ position: 1, estimateMinutes: null, pastClosing: false, languagesOnDuty: [] });

    const consultant = await connectedConsultant(server(), { languages: ['pl', 'uk'] });
    await visitor.socket.next('visitor.queue', (f) => f.queue.languagesOnDuty.join() === 'pl,uk' && f.queue.estimateMinutes === null);

    visitor.socket.send({ type: 'visitor.language', language: 'uk' });
    await visitor.socket.next('visitor.conversation.updated', (f) => f.conversation.language === 'uk');
    const offer = await consultant.socket.next('routing.offer');
    expect(offer.conversation.language).toBe('uk');

    consultant.socket.send({ type: 'conversation.take', conversationId: offer.conversation.id });
    await visitor.socket.next('visitor.conversation.updated', (f) => f.conversation.status === 'active');
    visitor.socket.send({ type: 'visitor.language', language: 'pl' });
    expect((await visitor.socket.next('error')).code).toBe('already_taken');
  });
});

describe.each(databaseTargets)('routing settings on $engine', (target) => {
  const server = routingServerForEachTest(target);

  it('are read and changed by admins only, validated, audited and applied at once', async () => {
    const admin = await connectedConsultant(server(), { role: 'admin' });
    const consultant = await connectedConsultant(server());
    const get = (cookie: string) => server().app.server.inject({ method: 'GET', url: '/api/admin/routing', headers: { cookie } });
    const put = (cookie: string, payload: object) => server().app.server.inject({ method: 'PUT', url: '/api/admin/routing', headers: { cookie }, payload });

    expect((await get(admin.cookie)).json()).toEqual({ mode: 'auto', offerTimeoutSeconds: 30, disconnectGraceSeconds: 60 });
    expect((await get(consultant.cookie)).statusCode).toBe(403);
    expect((await put(consultant.cookie, { mode: 'manual' })).statusCode).toBe(403);
    expect((await put(admin.cookie, { offerTimeoutSeconds: 5 })).json()).toMatchObject({ code: 'validation_failed' });

    const changed = await put(admin.cookie, { offerTimeoutSeconds: 45 });
    expect(changed.json()).toEqual({ mode: 'auto', offerTimeoutSeconds: 45, disconnectGraceSeconds: 60 });
    const audit = await server().app.audit.page(server().app.desk.id, { limit: 10, action: 'settings.changed' });
    expect(audit.entries[0]).toMatchObject({
      actor: { id: admin.id },
      target: { type: 'routing', id: server().app.desk.id },
      detail: { before: { offerTimeoutSeconds: 30 }, after: { offerTimeoutSeconds: 45 } },
    });

    const id = (await server().app.conversations.findByToken((await startConversation(server())).token)).id;
    const offer = await Promise.race([admin.socket.next('routing.offer'), consultant.socket.next('routing.offer')]);
    expect(offer.conversation.id).toBe(id);
    expect(offer.expiresAt).toBe(new Date(server().clock.now().getTime() + 45_000).toISOString());
  });
});

describe.each(databaseTargets)('places in the queue across two instances on $engine', (target) => {
  const instances = twoInstancesForSuite(target, ROUTING_TEST_ENV);
  const places = (socket: TestSocket) => socket.received.flatMap((frame) => (frame.type === 'visitor.queue' ? [frame.queue.position] : []));

  it('tells the visitors on the other instance their new place when one ahead leaves or changes language, and nothing when one joins behind', async () => {
    const [a, b] = instances();
    const tokens: string[] = [];
    for (let i = 0; i < 4; i++) {
      tokens.push((await startConversation(a, { language: 'pl' })).token);
      a.clock.advance(MINUTE);
      b.clock.advance(MINUTE);
    }
    const first = await connectVisitor(a, tokens[0]!);
    const behind = await Promise.all(tokens.slice(1).map((token) => connectVisitor(b, token)));
    await first.socket.next('visitor.queue', (f) => f.queue.position === 1);
    for (const [i, visitor] of behind.entries()) await visitor.socket.next('visitor.queue', (f) => f.queue.position === i + 2);

    await startConversation(a, { language: 'pl' });
    first.socket.send({ type: 'conversation.end' });
    for (const [i, visitor] of behind.entries()) await visitor.socket.next('visitor.queue', (f) => f.queue.position === i + 1);
    // The newcomer behind them changed no one's place: each heard its place twice, before and after the departure.
    expect(behind.map(({ socket }) => places(socket))).toEqual([
      [2, 1],
      [3, 2],
      [4, 3],
    ]);

    const [, switching, last] = behind;
    switching!.socket.send({ type: 'visitor.language', language: 'en' });
    await switching!.socket.next('visitor.queue', (f) => f.queue.position === 1);
    await last!.socket.next('visitor.queue', (f) => f.queue.position === 2);
    expect(await a.app.routing.queueStatus((await a.app.conversations.findByToken(tokens[3]!)).id)).toMatchObject({ position: 2 });
    expect(places(behind[0]!.socket)).toEqual([2, 1]);
    for (const visitor of [first, ...behind]) visitor.socket.close();
  });
});
