import { beforeEach, describe, expect, it } from 'vitest';
import type { VisitorContext } from '../../../src/shared/protocol';
import { connectStaff, serverForSuite, signedInStaff, startConversation, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

const TEST_ENV = { CONVERSATIONS_PER_MINUTE: '1000', LOGINS_PER_MINUTE: '1000' };
const DEVICE = 'dev_4f1c9a7be2d84c51a0e3';

describe.each(databaseTargets)('visitor context on $engine', (target) => {
  const suiteServer = serverForSuite(target, TEST_ENV);
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  async function contextOf(cookie: string, token: string): Promise<VisitorContext> {
    const conversation = await server.app.conversations.findByToken(token);
    const response = await server.app.server.inject({ method: 'GET', url: `/api/conversations/${conversation.id}/context`, headers: { cookie } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  it('gives staff the visitor’s time zone, wait and earlier conversations from the device they allowed', async () => {
    // Anna speaks Ukrainian: she could take the waiting conversation, so she may read its context.
    const staff = await signedInStaff(server, { name: 'Anna', languages: ['pl', 'en', 'uk'] });
    const consultant = await connectStaff(server, staff.cookie);
    server.clock.set('2026-01-14T10:00:00Z');
    const first = await startConversation(server, { topic: 'work', deviceId: DEVICE });
    const firstId = (await server.app.conversations.findByToken(first.token)).id;
    await server.app.conversations.take({ kind: 'staff', id: staff.user.id, name: 'Anna', deskId: server.app.desk.id }, firstId);
    server.clock.set('2026-01-14T10:20:00Z');
    await server.app.conversations.close(server.app.desk, { kind: 'staff', id: staff.user.id, name: 'Anna', deskId: server.app.desk.id }, firstId, 'work', 'answered');
    // Someone else on another device; and the same device without allowing it this time.
    await startConversation(server, { topic: 'appeals', deviceId: 'dev_someone_else_000000' });
    const unshared = await startConversation(server, { topic: 'filing' });

    server.clock.set('2026-01-14T11:00:00Z');
    const now = await startConversation(server, { topic: 'residence_card', language: 'uk', visitorTimeZone: 'America/Sao_Paulo', deviceId: DEVICE });
    const context = await contextOf(staff.cookie, now.token);
    expect(context).toMatchObject({
      language: 'uk',
      topic: 'residence_card',
      visitorTimeZone: 'America/Sao_Paulo',
      startedAt: '2026-01-14T11:00:00.000Z',
      assignedAt: null,
    });
    expect(context.earlierConversations).toEqual([
      { id: firstId, startedAt: '2026-01-14T10:00:00.000Z', topic: 'work', outcome: 'answered', consultantName: 'Anna' },
    ]);

    expect((await contextOf(staff.cookie, unshared.token)).earlierConversations).toBeNull();
    // The device id itself is never stored.
    const rows = await server.database.db.selectFrom('conversations').select('device_hash').where('device_hash', 'is not', null).execute();
    expect(rows.every((row) => row.device_hash !== DEVICE && row.device_hash!.length === 64)).toBe(true);
    consultant.socket.close();
  });

  it('starts the conversation even when the browser reports an unknown time zone, and keeps it from strangers', async () => {
    const started = await startConversation(server, { visitorTimeZone: 'Mars/Olympus_Mons' });
    const staff = await signedInStaff(server);
    expect((await contextOf(staff.cookie, started.token)).visitorTimeZone).toBeNull();
    const conversation = await server.app.conversations.findByToken(started.token);
    const anonymous = await server.app.server.inject({ method: 'GET', url: `/api/conversations/${conversation.id}/context` });
    expect(anonymous.statusCode).toBe(401);
    const byVisitor = await server.app.server.inject({
      method: 'GET',
      url: `/api/conversations/${conversation.id}/context`,
      headers: { authorization: `Bearer ${started.token}` },
    });
    expect(byVisitor.statusCode).toBe(401);
  });

  it('refuses a malformed device id', async () => {
    const response = await server.app.server.inject({
      method: 'POST',
      url: '/api/conversations',
      payload: { language: 'en', topic: 'work', privacyAccepted: true, deviceId: 'short' },
    });
    expect(response.json()).toMatchObject({ code: 'validation_failed' });
  });
});
