/** SQL for read receipts: how far staff have read a conversation. */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema';

export class ReadMarkRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /**
   * Moves the read mark forward to `seq` if the staff member is the assignee and the seq exists;
   * false when nothing changed (already read that far, not theirs, or a seq from the future).
   */
  async advance(conversationId: string, deskId: string, staffId: string, seq: number): Promise<boolean> {
    const result = await this.db
      .updateTable('conversations')
      .set({ staff_read_seq: seq })
      .where('id', '=', conversationId)
      .where('desk_id', '=', deskId)
      .where('assignee_id', '=', staffId)
      .where('staff_read_seq', '<', seq)
      .where('last_seq', '>=', seq)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
