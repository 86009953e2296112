/**
 * Finding 9: a finished conversation stayed readable from the device's stored token for as long as
 * retention kept it (a year). Now the token opens it for FINISHED_TOKEN_HOURS after it ended, and
 * the visitor can erase it at once; either way the browser hears conversation_not_found, on which
 * it forgets the conversation.
 */
import { describe, expect, it } from 'vitest';
import { FINISHED_TOKEN_HOURS } from '../../src/server/conversations/service';
import { serverForSuite, startConversation } from '../support/app';
import { databaseTargets } from '../support/databases';

describe.each(databaseTargets)('a finished conversation’s token on $engine', (target) => {
  const suiteServer = serverForSuite(target, { CONVERSATIONS_PER_MINUTE: '1000' });
  const transcript = async (token: string) => {
    const response = await suiteServer().app.server.inject({ method: 'GET', url: '/api/conversations/current/transcript', headers: { authorization: `Bearer ${token}` } });
    return response.statusCode === 200 ? 200 : response.json<{ code: string }>().code;
  };
  const forget = (token: string) =>
    suiteServer().app.server.inject({ method: 'POST', url: '/api/conversations/current/forget', headers: { authorization: `Bearer ${token}` } });

  it('opens it for a day after it ended, then no more', async () => {
    const server = suiteServer();
    server.clock.set('2026-01-14T11:00:00Z');
    const { token } = await startConversation(server);
    await server.app.conversations.endByVisitor((await server.app.conversations.findByToken(token)).id);
    expect(await transcript(token)).toBe(200);
    server.clock.advance(FINISHED_TOKEN_HOURS * 3_600_000 - 60_000);
    expect(await transcript(token)).toBe(200);
    server.clock.advance(2 * 60_000);
    expect(await transcript(token)).toBe('conversation_not_found');
  });

  it('lets the visitor erase it once it has ended, and not before', async () => {
    const server = suiteServer();
    server.clock.set('2026-01-14T11:00:00Z');
    const { token } = await startConversation(server);
    expect((await forget(token)).json<{ code: string }>().code).toBe('validation_failed');
    expect(await transcript(token)).toBe(200);
    await server.app.conversations.endByVisitor((await server.app.conversations.findByToken(token)).id);
    expect((await forget(token)).statusCode).toBe(204);
    expect(await transcript(token)).toBe('conversation_not_found');
    expect((await forget(token)).json<{ code: string }>().code).toBe('conversation_not_found');
  });
});
