import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, DeskInfo, Topic } from '../../../src/shared/protocol';
import { DEFAULT_TOPICS } from '../../../src/server/config';
import { connectStaff, serverForSuite, signedInStaff, startConversation, startServer, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

const NAMES = { pl: 'Karta Polaka', en: "Pole's Card", uk: 'Карта поляка', ru: 'Карта поляка' };

describe.each(databaseTargets)('topics on $engine', (target) => {
  const suiteServer = serverForSuite(target);
  let server: TestServer;
  let admin: Awaited<ReturnType<typeof signedInStaff>>;
  beforeEach(async () => {
    server = suiteServer();
    admin = await signedInStaff(server, { role: 'admin', name: 'Admin' });
  });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
    server.app.server.inject({ method, url, headers: { cookie }, ...(payload && { payload }) });
  const deskInfo = async () => (await server.app.server.inject({ method: 'GET', url: '/api/desk' })).json() as DeskInfo;
  const adminTopics = async () => ((await call('GET', '/api/admin/topics', admin.cookie)).json() as { topics: Topic[] }).topics;
  const tryStart = (topic: string) =>
    server.app.server.inject({ method: 'POST', url: '/api/conversations', payload: { language: 'en', topic, privacyAccepted: true } });

  it('are seeded from the configured topics with their names from the locale files', async () => {
    const topics = await adminTopics();
    expect(topics.map((topic) => topic.id)).toEqual([...DEFAULT_TOPICS]);
    expect(topics.find((topic) => topic.id === 'other')).toEqual({
      id: 'other',
      active: true,
      names: {
        pl: 'Inne pytanie',
        en: 'Other question',
        uk: 'Інше питання',
        ru: 'Другой вопрос',
        be: 'Іншае пытанне',
        ka: 'სხვა შეკითხვა',
        vi: 'Câu hỏi khác',
        tr: 'Başka bir soru',
        es: 'Otra pregunta',
        ar: 'سؤال آخر',
      },
    });
    const desk = await deskInfo();
    expect(desk.topics).toEqual([...DEFAULT_TOPICS]);
    expect(desk.topicNames?.work?.en).toBe('Work: permits, declarations, change or loss of job');
  });

  it('a new topic is offered to visitors at once and conversations may start with it; the change is audited', async () => {
    const created = await call('POST', '/api/admin/topics', admin.cookie, { id: 'poles_card', names: NAMES });
    expect(created.statusCode).toBe(201);
    expect((created.json() as { topic: Topic }).topic).toEqual({ id: 'poles_card', names: NAMES, active: true });
    const desk = await deskInfo();
    expect(desk.topics.at(-1)).toBe('poles_card');
    expect(desk.topicNames?.poles_card).toEqual(NAMES);
    const started = await tryStart('poles_card');
    expect(started.statusCode).toBe(201);
    const transcript = await server.app.server.inject({
      method: 'GET',
      url: '/api/conversations/current/transcript?lang=uk',
      headers: { authorization: `Bearer ${(started.json() as { token: string }).token}` },
    });
    expect(transcript.body).toContain('Тема: Карта поляка\n');

    const entries = ((await call('GET', '/api/admin/audit?action=topics.changed', admin.cookie)).json() as { entries: AuditEntry[] }).entries;
    expect(entries[0]).toMatchObject({ actor: { name: 'Admin' }, target: { type: 'topic', id: 'poles_card' }, detail: { change: 'created' } });
  });

  it('refuses a topic without a name in every desk language, or with an id that exists', async () => {
    const missing = await call('POST', '/api/admin/topics', admin.cookie, { id: 'half_named', names: { pl: 'Tylko po polsku', en: ' ' } });
    expect(missing.json()).toMatchObject({ code: 'validation_failed', detail: 'names.en, names.uk, names.ru' });
    const duplicate = await call('POST', '/api/admin/topics', admin.cookie, { id: 'work', names: NAMES });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'topic_exists' });
    expect((await adminTopics()).map((topic) => topic.id)).not.toContain('half_named');
    expect((await adminTopics()).find((topic) => topic.id === 'work')?.names.en).toBe('Work: permits, declarations, change or loss of job');
  });

  it('a switched-off topic disappears for visitors, but a conversation can still be closed under it', async () => {
    const consultant = await signedInStaff(server, { languages: ['en'] });
    const { socket } = await connectStaff(server, consultant.cookie);
    await startConversation(server, { topic: 'appeals' });
    const queued = await socket.next('conversation.updated', (frame) => frame.conversation.topic === 'appeals');
    socket.close();
    const actor = { kind: 'staff' as const, id: consultant.user.id, name: consultant.user.name, deskId: server.app.desk.id };
    await server.app.conversations.take(actor, queued.conversation.id);

    const off = await call('PUT', '/api/admin/topics/appeals', admin.cookie, { active: false });
    expect((off.json() as { topic: Topic }).topic.active).toBe(false);
    const desk = await deskInfo();
    expect(desk.topics).not.toContain('appeals');
    expect(desk.topicNames?.appeals?.pl).toBeTruthy();
    const refused = await tryStart('appeals');
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'validation_failed', detail: 'topic' });

    const closed = await server.app.conversations.close(server.app.desk, actor, queued.conversation.id, 'appeals', 'answered');
    expect(closed).toMatchObject({ status: 'closed', topic: 'appeals' });
    await expect(server.app.conversations.close(server.app.desk, actor, queued.conversation.id, 'no_such_topic', 'answered')).rejects.toThrow('topic');

    await call('PUT', '/api/admin/topics/appeals', admin.cookie, { active: true });
    expect((await deskInfo()).topics).toContain('appeals');
  });

  it('renames and reorders; the order must name every topic once', async () => {
    const renamed = await call('PUT', '/api/admin/topics/other', admin.cookie, { names: { ...NAMES, en: 'Anything else' } });
    expect((renamed.json() as { topic: Topic }).topic.names.en).toBe('Anything else');

    const ids = (await adminTopics()).map((topic) => topic.id);
    const reversed = [...ids].reverse();
    const reordered = await call('PUT', '/api/admin/topic-order', admin.cookie, { ids: reversed });
    expect((reordered.json() as { topics: Topic[] }).topics.map((topic) => topic.id)).toEqual(reversed);
    expect((await deskInfo()).topics).toEqual(reversed);

    const incomplete = await call('PUT', '/api/admin/topic-order', admin.cookie, { ids: reversed.slice(1) });
    expect(incomplete.json()).toMatchObject({ code: 'validation_failed' });
    const twice = await call('PUT', '/api/admin/topic-order', admin.cookie, { ids: [reversed[0], ...reversed.slice(0, -1)] });
    expect(twice.json()).toMatchObject({ code: 'validation_failed' });
    expect((await adminTopics()).map((topic) => topic.id)).toEqual(reversed);

    expect((await call('PUT', '/api/admin/topics/nothing_here', admin.cookie, { active: false })).json()).toMatchObject({ code: 'topic_not_found' });
  });

  it('is for admins only', async () => {
    for (const role of ['consultant', 'supervisor'] as const) {
      const staff = await signedInStaff(server, { role });
      expect((await call('GET', '/api/admin/topics', staff.cookie)).statusCode).toBe(403);
      expect((await call('POST', '/api/admin/topics', staff.cookie, { id: 'sneaky', names: NAMES })).statusCode).toBe(403);
      expect((await call('PUT', '/api/admin/topics/work', staff.cookie, { active: false })).statusCode).toBe(403);
      expect((await call('PUT', '/api/admin/topic-order', staff.cookie, { ids: [] })).statusCode).toBe(403);
    }
    expect((await deskInfo()).topics).toContain('work');
  });
});

describe.each(databaseTargets)('topics seen by a second instance on $engine', (target) => {
  let first: TestServer;
  let second: TestServer;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await target.create();
    drop = database.drop;
    first = await startServer(database.url);
    second = await startServer(database.url, { TOPICS: 'work,other,extra_topic' });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    await drop();
  });

  it('seeds only what is missing, and a change through one instance is what the other serves', async () => {
    const deskOf = async (server: TestServer) => (await server.app.server.inject({ method: 'GET', url: '/api/desk' })).json() as DeskInfo;
    expect((await deskOf(second)).topics).toEqual([...DEFAULT_TOPICS, 'extra_topic']);

    const admin = await signedInStaff(first, { role: 'admin' });
    await first.app.server.inject({ method: 'PUT', url: '/api/admin/topics/extra_topic', headers: { cookie: admin.cookie }, payload: { active: false } });
    expect((await deskOf(second)).topics).toEqual([...DEFAULT_TOPICS]);
  });
});
