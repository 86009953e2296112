/** The only place that speaks SQL about canned answers. */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { CannedAnswersTable } from './tables';
import type { StoredCannedAnswer } from './types';

export type CannedAnswerChange = Pick<CannedAnswersTable, 'language' | 'title' | 'body' | 'updated_at'>;

export class CannedAnswerRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** The desk's shared answers and the staff member's personal ones, by title. */
  listVisibleTo(deskId: string, staffId: string, filter: { language?: string; shared?: boolean }): Promise<StoredCannedAnswer[]> {
    let query = this.db
      .selectFrom('canned_answers')
      .selectAll()
      .where('desk_id', '=', deskId)
      .where((eb) => {
        if (filter.shared === true) return eb('owner_id', 'is', null);
        if (filter.shared === false) return eb('owner_id', '=', staffId);
        return eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', staffId)]);
      });
    if (filter.language) query = query.where('language', '=', filter.language);
    return query.orderBy('title').orderBy('id').execute();
  }

  /** An answer the staff member may see: shared in their desk, or their own. */
  findVisibleTo(deskId: string, staffId: string, id: string): Promise<StoredCannedAnswer | undefined> {
    return this.db
      .selectFrom('canned_answers')
      .selectAll()
      .where('desk_id', '=', deskId)
      .where('id', '=', id)
      .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', staffId)]))
      .executeTakeFirst();
  }

  async insert(row: StoredCannedAnswer): Promise<void> {
    await this.db.insertInto('canned_answers').values(row).execute();
  }

  /** False when the answer was deleted meanwhile. */
  async update(id: string, change: CannedAnswerChange): Promise<boolean> {
    const result = await this.db.updateTable('canned_answers').set(change).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('canned_answers').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
