/**
 * The hot path of the conversation log: storing a chat message (no file) under the next sequence
 * number, with the guarantees of `ConversationRepository.appendMessage` (acknowledged = committed,
 * one row per client id, seqs gap-free in commit order), in as little work as each engine allows.
 *
 * - SQLite: the statements are prepared once and run synchronously; messages that arrive in the
 *   same turn of the event loop share one transaction (group commit), and each sender's promise
 *   resolves only after that transaction has committed.
 * - PostgreSQL: one statement, one round trip. The sequence number is advanced and the message
 *   inserted by the same statement, so a duplicate client id (a unique-key error) rolls both back
 *   and leaves no gap.
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

/** One statement: advance, insert, and read who follows the conversation. */
export function postgresAppender(db: Kysely<DatabaseSchema>): AppendChat {
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
