/** The only place that speaks SQL about ratings' markers and comments. */
import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { SatisfactionCommentsTable } from './tables';

const COMMENTS_PAGE = 500;

export class SatisfactionRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /**
   * Marks the subject rated and stores the comment, with what `alsoStore` writes (the rating's
   * counter), in one transaction; false if it had been rated already and nothing was written.
   */
  rateOnce(
    response: { subject_id: string; desk_id: string; created_at: string },
    comment: SatisfactionCommentsTable | null,
    alsoStore: (trx: Transaction<DatabaseSchema>) => Promise<void>,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const marked = await trx
        .insertInto('satisfaction_responses')
        .values(response)
        .onConflict((oc) => oc.column('subject_id').doNothing())
        .returning('subject_id')
        .executeTakeFirst();
      if (!marked) return false;
      if (comment) await trx.insertInto('satisfaction_comments').values(comment).execute();
      await alsoStore(trx);
      return true;
    });
  }

  /** Comments left in [from, to), newest first. */
  comments(deskId: string, from: string, to: string): Promise<SatisfactionCommentsTable[]> {
    return this.db
      .selectFrom('satisfaction_comments')
      .selectAll()
      .where('desk_id', '=', deskId)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .orderBy('created_at', 'desc')
      .limit(COMMENTS_PAGE)
      .execute();
  }
}
