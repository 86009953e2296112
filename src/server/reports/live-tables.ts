/**
 * Read-only queries of other domains' live tables, for the two things the aggregate store cannot
 * answer itself: who is waiting right now, and the rebuild of past counters (rebuild.ts). Reports
 * never write these tables; each owner still writes its facts through ReportService.
 */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { CallFacts, ConversationFacts } from './facts';

/** Instants [from, to) as ISO text. */
export interface InstantRange {
  from: string;
  to: string;
}

export interface LeftMessageFacts {
  desk_id: string;
  language: string;
  topic: string;
  created_at: string;
  answered_at: string | null;
  answered_by: string | null;
}

/** One reply of a left message's thread, with its message's facts. */
export interface LeftMessageReplyFacts {
  left_message_id: string;
  desk_id: string;
  language: string;
  topic: string;
  author: 'visitor' | 'staff';
  staff_id: string | null;
  created_at: string;
}

export interface BookingFacts {
  desk_id: string;
  language: string;
  topic: string;
  starts_at: string;
  status: string;
  conversation_id: string | null;
}

export class LiveTables {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async queue(deskId: string): Promise<{ waiting: number; oldestWaitingSince: string | null }> {
    const row = await this.db
      .selectFrom('conversations')
      .select((eb) => [eb.fn.countAll<number | string>().as('waiting'), eb.fn.min('waiting_since').as('oldest')])
      .where('desk_id', '=', deskId)
      .where('status', '=', 'waiting')
      .executeTakeFirstOrThrow();
    return { waiting: Number(row.waiting), oldestWaitingSince: row.oldest ?? null };
  }

  conversations(deskId: string, range: InstantRange): Promise<ConversationFacts[]> {
    return this.db
      .selectFrom('conversations')
      .select(['desk_id', 'language', 'spoken_language', 'topic', 'created_at', 'assigned_at', 'first_reply_at', 'closed_at', 'outcome', 'assignee_id', 'booking_id', 'call_kind'])
      .where('desk_id', '=', deskId)
      .where('created_at', '>=', range.from)
      .where('created_at', '<', range.to)
      .execute();
  }

  async calls(deskId: string, range: InstantRange): Promise<CallFacts[]> {
    const rows = await this.db
      .selectFrom('calls')
      .innerJoin('conversations', 'conversations.id', 'calls.conversation_id')
      .select([
        'calls.desk_id',
        'calls.kind',
        'calls.outcome',
        'calls.started_at',
        'calls.answered_at',
        'calls.ended_at',
        'calls.started_by',
        'conversations.language',
        'conversations.spoken_language',
        'conversations.topic',
      ])
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('call_members')
              .select('call_members.peer')
              .whereRef('call_members.call_id', '=', 'calls.id')
              .where('call_members.role', '=', 'interpreter')
              .where('call_members.joined_at', 'is not', null),
          )
          .as('interpreter_joined'),
      )
      .where('calls.desk_id', '=', deskId)
      .where('calls.state', '=', 'ended')
      .where('calls.started_at', '>=', range.from)
      .where('calls.started_at', '<', range.to)
      .execute();
    return rows.map(({ interpreter_joined, ...call }) => ({ ...call, interpreterJoined: Boolean(interpreter_joined) }));
  }

  leftMessages(deskId: string, range: InstantRange): Promise<LeftMessageFacts[]> {
    return this.db
      .selectFrom('left_messages')
      .select(['desk_id', 'language', 'topic', 'created_at', 'answered_at', 'answered_by'])
      .where('desk_id', '=', deskId)
      .where('created_at', '>=', range.from)
      .where('created_at', '<', range.to)
      .execute();
  }

  /** Every reply of the threads that had a reply in the range, by thread, oldest first. */
  leftMessageReplies(deskId: string, range: InstantRange): Promise<LeftMessageReplyFacts[]> {
    return this.db
      .selectFrom('left_message_replies')
      .innerJoin('left_messages', 'left_messages.id', 'left_message_replies.left_message_id')
      .select([
        'left_message_replies.left_message_id',
        'left_messages.desk_id',
        'left_messages.language',
        'left_messages.topic',
        'left_message_replies.author',
        'left_message_replies.staff_id',
        'left_message_replies.created_at',
      ])
      .where('left_messages.desk_id', '=', deskId)
      .where('left_message_replies.left_message_id', 'in', (eb) =>
        eb
          .selectFrom('left_message_replies')
          .select('left_message_id')
          .where('created_at', '>=', range.from)
          .where('created_at', '<', range.to),
      )
      .orderBy('left_message_replies.left_message_id')
      .orderBy('left_message_replies.seq')
      .execute();
  }

  bookings(deskId: string, range: InstantRange): Promise<BookingFacts[]> {
    return this.db
      .selectFrom('bookings')
      .select(['desk_id', 'language', 'topic', 'starts_at', 'status', 'conversation_id'])
      .where('desk_id', '=', deskId)
      .where('starts_at', '>=', range.from)
      .where('starts_at', '<', range.to)
      .execute();
  }
}
