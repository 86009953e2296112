/**
 * The hot path of the conversation log: storing a chat message (no file) under the next sequence
 * number, with the guarantees of `ConversationRepository.appendMessage` (acknowledged = committed,
 * one row per client id, seqs gap-free in commit order), in as little work as each engine allows.
 *
 * - SQLite: the statements are prepared once and run synchronously; messages that arrive in the
 *   same turn of the event loop share one transaction (group commit), and each sender's promise
 *   resolves only after that transaction has committed.
 * - PostgreSQL: messages that arrive while earlier appends are under way go together in one call
 *   of a function (one round trip, one commit, plans kept by the server), each sender answered
 *   after it commits. On its own, a message is one statement that advances the sequence number and
 *   inserts, so a duplicate client id (a unique-key error) rolls both back and leaves no gap.
 */
import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { Participant } from './types';

/** The message as the append needs it (no file: a file is stored in the general transaction). */
export interface ChatAppend {
  conversationId: string;
  clientId: string;
  author: 'visitor' | 'staff';
  /** A staff author must be the assignee or a participant; a visitor's conversation only open. */
  staffId: string | null;
  authorName: string | null;
  body: string;
  createdAt: string;
}

export type ChatAppendResult =
  | { kind: 'stored'; seq: number; assigneeId: string | null; participants: Participant[] }
  | { kind: 'duplicate' }
  | { kind: 'rejected' };

export type AppendChat = (append: ChatAppend) => Promise<ChatAppendResult>;

// -- SQLite ---------------------------------------------------------------------------------------

const FOLLOWED_BY = `(assignee_id = @staffId or exists (select 1 from conversation_participants p where p.conversation_id = conversations.id and p.staff_id = @staffId))`;

interface Pending {
  append: ChatAppend;
  done(result: ChatAppendResult): void;
  fail(error: unknown): void;
}

/**
 * Appends in batches: everything appended before the next turn of the event loop is written in
 * one immediate transaction, holding Kysely's connection so no other transaction interleaves.
 */
export function sqliteAppender(db: Kysely<DatabaseSchema>, connection: SQLite.Database): AppendChat {
  const statements = {
    duplicate: connection.prepare<[string, string]>('select 1 from messages where conversation_id = ? and client_id = ?').pluck(),
    advanceForVisitor: connection.prepare(
      `update conversations set last_seq = last_seq + 1 where id = @conversationId and status != 'closed' returning last_seq, assignee_id`,
    ),
    advanceForStaff: connection.prepare(
      `update conversations set last_seq = last_seq + 1, first_reply_at = coalesce(first_reply_at, @createdAt)
       where id = @conversationId and status != 'closed' and ${FOLLOWED_BY} returning last_seq, assignee_id`,
    ),
    insert: connection.prepare(
      `insert into messages (conversation_id, seq, client_id, author, author_id, author_name, body, event, created_at, attachment_id)
       values (@conversationId, @seq, @clientId, @author, @staffId, @authorName, @body, null, @createdAt, null)`,
    ),
    participants: connection.prepare<[string]>(
      `select p.staff_id, p.role, s.name from conversation_participants p join staff_users s on s.id = p.staff_id
       where p.conversation_id = ? order by p.joined_at`,
    ),
  };

  // Inside a write transaction nothing else writes, so checking for the client id first is exact.
  const appendOne = (append: ChatAppend): ChatAppendResult => {
    if (statements.duplicate.get(append.conversationId, append.clientId)) return { kind: 'duplicate' };
    const advance = append.staffId ? statements.advanceForStaff : statements.advanceForVisitor;
    const counter = advance.get(append) as { last_seq: number; assignee_id: string | null } | undefined;
    if (!counter) return { kind: 'rejected' };
    statements.insert.run({ ...append, seq: counter.last_seq });
    const participants = statements.participants.all(append.conversationId) as Participant[];
    return { kind: 'stored', seq: counter.last_seq, assigneeId: counter.assignee_id, participants };
  };
  const appendAll = connection.transaction((batch: readonly ChatAppend[]) => batch.map(appendOne));

  const write = (batch: readonly Pending[]) => {
    try {
      const results = appendAll.immediate(batch.map((item) => item.append));
      batch.forEach((item, i) => item.done(results[i]!));
    } catch {
      // One append that fails (a constraint of a row we did not foresee) must not fail the others
      // with it: each is tried again on its own.
      for (const item of batch) {
        try {
          item.done(appendAll.immediate([item.append])[0]!);
        } catch (error) {
          item.fail(error);
        }
      }
    }
  };

  let pending: Pending[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    db.connection()
      .execute(async () => write(batch))
      .catch((error: unknown) => batch.forEach((item) => item.fail(error)));
  };

  return (append) =>
    new Promise((done, fail) => {
      pending.push({ append, done, fail });
      if (pending.length === 1) setImmediate(flush);
    });
}

// -- PostgreSQL -----------------------------------------------------------------------------------

const UNIQUE_VIOLATION = '23505';

/** Calls of the append function under way at once; what arrives meanwhile goes together in the next. */
const POSTGRES_CALLS_AT_ONCE = 4;
/** Messages in one call at most: a bound on the time its row locks are held. */
const POSTGRES_BATCH_MAX = 200;

/**
 * Appends in batches through `append_chat_messages` (migration 0021): the messages that arrive
 * while earlier calls run are stored by one call and one commit, each sender answered after it.
 * A batch is ordered by conversation so two instances' calls lock conversations in one order and
 * cannot deadlock. A call the database refuses as a whole (a duplicate committed concurrently by
 * another instance) is undone entirely, and its messages are stored one by one instead.
 */
export function postgresAppender(db: Kysely<DatabaseSchema>): AppendChat {
  const appendOne = postgresSingleAppender(db);
  const byConversation = (a: Pending, b: Pending) => (a.append.conversationId < b.append.conversationId ? -1 : a.append.conversationId > b.append.conversationId ? 1 : 0);

  const write = async (batch: Pending[]) => {
    batch.sort(byConversation);
    try {
      const { rows } = await sql<{ kind: ChatAppendResult['kind']; seq: number | null; assignee_id: string | null; participants: Participant[] | null }>`
        select kind, seq, assignee_id, participants from append_chat_messages(${JSON.stringify(batch.map((item) => item.append))}::jsonb)`.execute(db);
      batch.forEach((item, i) => {
        const row = rows[i]!;
        item.done(row.kind === 'stored' ? { kind: 'stored', seq: row.seq!, assigneeId: row.assignee_id, participants: row.participants! } : { kind: row.kind });
      });
    } catch (error) {
      // No answer from the database at all (no connection, none free): one by one would only fail slower.
      if (typeof (error as { code?: unknown }).code !== 'string') return batch.forEach((item) => item.fail(error));
      await Promise.all(batch.map((item) => appendOne(item.append).then(item.done, item.fail)));
    }
  };

  const pending: Pending[] = [];
  let running = 0;
  const flush = () => {
    while (running < POSTGRES_CALLS_AT_ONCE && pending.length > 0) {
      const batch = pending.splice(0, POSTGRES_BATCH_MAX);
      running++;
      void write(batch).finally(() => {
        running--;
        flush();
      });
    }
  };

  return (append) =>
    new Promise((done, fail) => {
      pending.push({ append, done, fail });
      if (pending.length === 1) setImmediate(flush);
    });
}

/** One statement: advance, insert, and read who follows the conversation. */
function postgresSingleAppender(db: Kysely<DatabaseSchema>): AppendChat {
  return async (append) => {
    const followed = append.staffId
      ? sql`and (assignee_id = ${append.staffId} or exists (select 1 from conversation_participants p where p.conversation_id = conversations.id and p.staff_id = ${append.staffId}))`
      : sql``;
    const firstReply = append.staffId ? sql`, first_reply_at = coalesce(first_reply_at, ${append.createdAt})` : sql``;
    try {
      const { rows } = await sql<{ seq: number; assignee_id: string | null; participants: Participant[] }>`
        with advanced as (
          update conversations set last_seq = last_seq + 1 ${firstReply}
          where id = ${append.conversationId} and status <> 'closed' ${followed}
          returning last_seq, assignee_id
        ), stored as (
          insert into messages (conversation_id, seq, client_id, author, author_id, author_name, body, event, created_at, attachment_id)
          select ${append.conversationId}, last_seq, ${append.clientId}, ${append.author}, ${append.staffId}, ${append.authorName}, ${append.body}, null, ${append.createdAt}, null
          from advanced
          returning seq
        )
        select stored.seq, advanced.assignee_id, coalesce((
          select json_agg(json_build_object('staff_id', p.staff_id, 'role', p.role, 'name', s.name) order by p.joined_at)
          from conversation_participants p join staff_users s on s.id = p.staff_id
          where p.conversation_id = ${append.conversationId}
        ), '[]'::json) as participants
        from advanced join stored on true`.execute(db);
      const row = rows[0];
      if (!row) return { kind: 'rejected' };
      return { kind: 'stored', seq: row.seq, assigneeId: row.assignee_id, participants: row.participants };
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return { kind: 'duplicate' };
      throw error;
    }
  };
}
