/**
 * SQL about who is in a conversation besides its assignee, and about handing a conversation to
 * another consultant. Every change that the visitor is told about writes its system message into
 * the conversation's log (ConversationRepository.appendToLog) in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ParticipantRole, TransferNote } from '../../shared/protocol';
import type { ConversationRepository, NewMessage } from '../conversations/repository';
import type { ConversationMessage } from '../conversations/types';
import type { DatabaseSchema } from '../db/schema';

/** A conversation handed from its assignee `from` to `to`, as one conditional change. */
export interface Handover {
  conversationId: string;
  from: string;
  to: string;
  at: Date;
  notice: NewMessage;
  /** Recorded for the receiver when the assignee hands over in person (not a supervisor's move). */
  note: string | null;
}

export class ParticipantRepository {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly conversations: Pick<ConversationRepository, 'appendToLog'>,
  ) {}

  /**
   * Adds the participant and the system message, if the conversation is active and they are in it
   * neither as participant nor as assignee; null otherwise (nothing is written).
   */
  join(conversationId: string, staffId: string, role: ParticipantRole, at: Date, notice: NewMessage): Promise<ConversationMessage | null> {
    return this.db.transaction().execute(async (trx) => {
      const message = await this.conversations.appendToLog(trx, conversationId, notice, { status: 'active', notFollowedBy: staffId });
      if (!message) return null;
      await trx
        .insertInto('conversation_participants')
        .values({ conversation_id: conversationId, staff_id: staffId, role, joined_at: at.toISOString() })
        .execute();
      return message;
    });
  }

  /** Removes the participant with the system message; null if they were not in the active conversation. */
  leave(conversationId: string, staffId: string, notice: NewMessage): Promise<ConversationMessage | null> {
    return this.db.transaction().execute(async (trx) => {
      const message = await this.conversations.appendToLog(trx, conversationId, notice, { status: 'active', participantId: staffId });
      if (!message) return null;
      await trx
        .deleteFrom('conversation_participants')
        .where('conversation_id', '=', conversationId)
        .where('staff_id', '=', staffId)
        .execute();
      return message;
    });
  }

  /**
   * Makes `to` the assignee if `from` still is (of any number of concurrent moves, one wins). The
   * new assignee stops being a participant; the note, if any, is kept for them. Null if the
   * conversation is no longer active or no longer `from`'s.
   */
  handOver(handover: Handover): Promise<ConversationMessage | null> {
    const { conversationId, from, to, at, notice, note } = handover;
    return this.db.transaction().execute(async (trx) => {
      const message = await this.conversations.appendToLog(
        trx,
        conversationId,
        notice,
        { status: 'active', assigneeId: from },
        { assignee_id: to, assigned_at: at.toISOString() },
      );
      if (!message) return null;
      await trx
        .deleteFrom('conversation_participants')
        .where('conversation_id', '=', conversationId)
        .where('staff_id', '=', to)
        .execute();
      if (note !== null) {
        await trx
          .insertInto('conversation_transfers')
          .values({ id: randomUUID(), conversation_id: conversationId, from_staff_id: from, to_staff_id: to, note, created_at: at.toISOString() })
          .execute();
      }
      return message;
    });
  }

  /** Notes left for this staff member on the active conversations now assigned to them, newest last. */
  async transferNotesFor(staffId: string): Promise<TransferNote[]> {
    const rows = await this.db
      .selectFrom('conversation_transfers')
      .innerJoin('conversations', 'conversations.id', 'conversation_transfers.conversation_id')
      .innerJoin('staff_users', 'staff_users.id', 'conversation_transfers.from_staff_id')
      .select([
        'conversation_transfers.conversation_id',
        'conversation_transfers.from_staff_id',
        'staff_users.name as from_name',
        'conversation_transfers.note',
        'conversation_transfers.created_at',
      ])
      .where('conversation_transfers.to_staff_id', '=', staffId)
      .where('conversation_transfers.note', '!=', '')
      .where('conversations.status', '=', 'active')
      .where('conversations.assignee_id', '=', staffId)
      .orderBy('conversation_transfers.created_at')
      .execute();
    return rows.map((row) => ({ conversationId: row.conversation_id, from: { id: row.from_staff_id, name: row.from_name }, note: row.note, at: row.created_at }));
  }
}
