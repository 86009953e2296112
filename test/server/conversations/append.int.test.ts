/**
 * The message append's group commit (src/server/conversations/append.ts): messages that arrive
 * together are stored together, with every guarantee of one at a time — one row per client id,
 * seqs gap-free per conversation, each sender told its own outcome.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConversationRepository, type AppendResult, type NewMessage } from '../../../src/server/conversations/repository';
import { startConversation, twoInstancesForSuite, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

const TEST_ENV = { CONVERSATIONS_PER_MINUTE: '1000' };

function visitorMessage(clientId: string, body = 'Czy mogę pracować?'): NewMessage {
  return { client_id: clientId, author: 'visitor', author_id: null, author_name: null, body, event: null, created_at: new Date().toISOString() };
}

const seqOf = (result: AppendResult) => (result.kind === 'rejected' ? undefined : result.message.seq);

describe.each(databaseTargets)('appending messages that arrive together on $engine', (target) => {
  const suiteServers = twoInstancesForSuite(target, TEST_ENV);
  let first: TestServer;
  let second: TestServer;
  beforeEach(() => {
    [first, second] = suiteServers();
  });

  async function conversations(count: number): Promise<string[]> {
    const ids = [];
    for (let i = 0; i < count; i++) ids.push((await first.app.conversations.findByToken((await startConversation(first)).token)).id);
    return ids;
  }

  async function seqsOf(conversationId: string): Promise<number[]> {
    return (await first.app.conversations.messagesAfter(conversationId, 0)).map((message) => message.seq);
  }

  const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it('stores each once with gap-free seqs, in the order each conversation received them, duplicates answered with the seq stored', async () => {
    const repository = new ConversationRepository(first.database);
    const ids = await conversations(3);
    const before = await Promise.all(ids.map(seqsOf));
    const clientIds = Array.from({ length: 30 }, () => randomUUID());
    // Sent in one turn of the event loop, each client id twice (a resend racing its original).
    const sent = clientIds.map((clientId, i) => ({ conversationId: ids[i % 3]!, clientId }));
    const results = await Promise.all([...sent, ...sent].map(({ conversationId, clientId }) => repository.appendMessage(conversationId, visitorMessage(clientId, clientId))));

    expect(results.slice(0, 30).map((result) => result.kind)).toEqual(Array(30).fill('stored'));
    expect(results.slice(30).map((result) => result.kind)).toEqual(Array(30).fill('duplicate'));
    expect(results.slice(30).map(seqOf)).toEqual(results.slice(0, 30).map(seqOf));
    for (const [index, id] of ids.entries()) {
      const stored = await first.app.conversations.messagesAfter(id, 0);
      expect(stored.map((message) => message.seq)).toEqual(upTo(before[index]!.length + 10));
      const mine: string[] = sent.filter((s) => s.conversationId === id).map((s) => s.clientId);
      expect(stored.filter((message) => message.client_id && mine.includes(message.client_id)).map((message) => message.body)).toEqual(mine);
    }
  });

  it('tells each sender its own outcome when some of those arriving together are refused', async () => {
    const repository = new ConversationRepository(first.database);
    const [id] = await conversations(1);
    const before = (await seqsOf(id!)).length;
    const staffMessage: NewMessage = { ...visitorMessage(randomUUID()), author: 'staff', author_name: 'Nobody' };
    const results = await Promise.all([
      repository.appendMessage(id!, visitorMessage(randomUUID())),
      // Neither the assignee nor a participant: refused, and it takes no seq.
      repository.appendMessage(id!, staffMessage, 'staff-who-does-not-follow'),
      repository.appendMessage('no-such-conversation', visitorMessage(randomUUID())),
      repository.appendMessage(id!, visitorMessage(randomUUID())),
    ]);
    expect(results.map((result) => result.kind)).toEqual(['stored', 'rejected', 'rejected', 'stored']);
    expect(results.map(seqOf)).toEqual([before + 1, undefined, undefined, before + 2]);
    expect(await seqsOf(id!)).toEqual(upTo(before + 2));
  });

  it('stores a message that arrives while a transaction is open after that transaction, not inside it: its rollback cannot take the message along', async () => {
    const repository = new ConversationRepository(first.database);
    const [id] = await conversations(1);
    const before = (await seqsOf(id!)).length;
    let appended: Promise<AppendResult> | undefined;
    const rolledBack = first.database.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      appended = repository.appendMessage(id!, visitorMessage(randomUUID()));
      // The append's batch is written on a later turn of the event loop, while this transaction is still open.
      for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
      throw new Error('rolled back');
    });
    await expect(rolledBack).rejects.toThrow('rolled back');
    expect(seqOf(await appended!)).toBe(before + 1);
    expect(await seqsOf(id!)).toEqual(upTo(before + 1));
  });

  it('stores what two instances append into one conversation at once, each client id once, seqs gap-free', async () => {
    const repositories = [new ConversationRepository(first.database), new ConversationRepository(second.database)];
    const [id] = await conversations(1);
    const before = (await seqsOf(id!)).length;
    const clientIds = Array.from({ length: 40 }, () => randomUUID());
    // Both instances get every message (a visitor resending to the other after a drop).
    const results = await Promise.all(repositories.flatMap((repository) => clientIds.map((clientId) => repository.appendMessage(id!, visitorMessage(clientId)))));

    const [onFirst, onSecond] = [results.slice(0, 40), results.slice(40)];
    expect(onFirst.map(seqOf)).toEqual(onSecond.map(seqOf));
    expect(onFirst.map((result, i) => [result.kind, onSecond[i]!.kind].sort().join()).every((kinds) => kinds === 'duplicate,stored')).toBe(true);
    expect(await seqsOf(id!)).toEqual(upTo(before + 40));
  });
});

// SQLite: one writer at a time, and its busy wait blocks the process; a transaction held open
// across instances is a PostgreSQL situation. Without TEST_DATABASE_URL, test/support/databases.ts
// has said why PostgreSQL is left out (CI requires it).
const postgresTargets = databaseTargets.filter((target) => target.engine === 'postgres');

describe.each(postgresTargets)('a batch meeting a duplicate committed by another instance on $engine', (target) => {
  const suiteServers = twoInstancesForSuite(target, TEST_ENV);

  it('is undone whole and stored one by one: the duplicate gets the other instance’s seq, the rest follow it without a gap', async () => {
    const [first, second] = suiteServers();
    const { id } = await first.app.conversations.findByToken((await startConversation(first)).token);
    const raced = randomUUID();
    const others = Array.from({ length: 5 }, () => randomUUID());
    const repository = new ConversationRepository(first.database);

    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    let otherSeq = 0;
    const elsewhere = second.database.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ last_seq: number }>`update conversations set last_seq = last_seq + 1 where id = ${id} returning last_seq`.execute(trx);
      otherSeq = rows[0]!.last_seq;
      await sql`insert into messages (conversation_id, seq, client_id, author, body, created_at) values (${id}, ${otherSeq}, ${raced}, 'visitor', 'from the other instance', ${new Date().toISOString()})`.execute(trx);
      await committed;
    });
    await expect.poll(() => otherSeq).toBeGreaterThan(0);

    const appending = Promise.all([raced, ...others].map((clientId) => repository.appendMessage(id, visitorMessage(clientId))));
    // The batch waits for the other instance's row lock; then that instance commits the same client id.
    await expect
      .poll(async () => (await sql<{ waiting: number }>`select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and query like '%append_chat_messages%'`.execute(first.database.db)).rows[0]!.waiting)
      .toBe(1);
    commit();
    await elsewhere;

    const results = await appending;
    expect(results[0]).toMatchObject({ kind: 'duplicate', message: { seq: otherSeq, body: 'from the other instance' } });
    expect(results.slice(1).map((result) => result.kind)).toEqual(Array(5).fill('stored'));
    expect(results.slice(1).map(seqOf).sort((a, b) => a! - b!)).toEqual(others.map((_, i) => otherSeq + 1 + i));
    const stored = await first.app.conversations.messagesAfter(id, 0);
    expect(stored.map((message) => message.seq)).toEqual(Array.from({ length: otherSeq + 5 }, (_, i) => i + 1));
  });
});
