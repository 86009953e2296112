/** SQL for the visitor's context: their earlier conversations from the same device. */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { EarlierConversation } from './types';

/** Enough to recognise a returning visitor without reading old conversations in full. */
const EARLIER_LIMIT = 10;

export class VisitorContextRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Conversations started before `before` on the device with this hash, newest first. */
  async earlierFromDevice(deskId: string, deviceHash: string, before: string): Promise<EarlierConversation[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .leftJoin('staff_users', 'staff_users.id', 'conversations.assignee_id')
      .select([
        'conversations.id',
        'conversations.created_at',
        'conversations.topic',
        'conversations.outcome',
        'staff_users.name as consultant_name',
      ])
      .where('conversations.desk_id', '=', deskId)
      .where('conversations.device_hash', '=', deviceHash)
      .where('conversations.created_at', '<', before)
      .orderBy('conversations.created_at', 'desc')
      .limit(EARLIER_LIMIT)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      startedAt: row.created_at,
      topic: row.topic,
      outcome: row.outcome,
      consultantName: row.consultant_name,
    }));
  }
}
