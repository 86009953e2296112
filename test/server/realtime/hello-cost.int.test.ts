import { describe, expect, it } from 'vitest';
import { connectStaff, connectVisitor, serverForSuite, signedInStaff, startConversation } from '../../support/app';
import { databaseTargets } from '../../support/databases';

/**
 * What one hello costs the database. After a restart every visitor says hello at once, most of them
 * in conversations a consultant holds: each statement here is one of thousands in that storm.
 * The token's row, the conversation whole (row and participants) and its log, the queue's view of
 * it, its live calls, and the visitor marked as there (seen, present).
 */
const STATEMENTS_PER_HELLO = 8;

describe.each(databaseTargets)('a visitor hello on $engine', (target) => {
  const server = serverForSuite(target);

  it(`into a conversation already taken runs ${STATEMENTS_PER_HELLO} statements`, async () => {
    const staff = await signedInStaff(server());
    const consultant = await connectStaff(server(), staff.cookie);
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { token } = await startConversation(server());
      const { id } = await server().app.conversations.findByToken(token);
      consultant.socket.send({ type: 'conversation.take', conversationId: id });
      await consultant.socket.next('history', (f) => f.conversationId === id);
      tokens.push(token);
    }

    const costs: number[] = [];
    for (const token of tokens) {
      const before = server().statements.count;
      const { socket } = await connectVisitor(server(), token);
      // Frames are handled in order: the pong comes after everything the hello does.
      socket.send({ type: 'ping' });
      await socket.next('pong');
      costs.push(server().statements.count - before);
    }
    // The least of three: a periodic sweep of the server may run within one hello's time.
    expect(Math.min(...costs)).toBe(STATEMENTS_PER_HELLO);
  });
});
