import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { TopicsTable } from './tables';

export type TopicRow = Selectable<TopicsTable>;

export class TopicRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Every topic of the desk, in order. */
  list(deskId: string): Promise<TopicRow[]> {
    return this.db.selectFrom('topics').selectAll().where('desk_id', '=', deskId).orderBy('position').orderBy('id').execute();
  }

  find(deskId: string, id: string): Promise<TopicRow | undefined> {
    return this.db.selectFrom('topics').selectAll().where('desk_id', '=', deskId).where('id', '=', id).executeTakeFirst();
  }

  async isActive(deskId: string, id: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('topics')
      .select('id')
      .where('desk_id', '=', deskId)
      .where('id', '=', id)
      .where('active', '=', 1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Adds the rows that are not there yet (two instances starting at once both try). */
  async insertMissing(rows: readonly TopicRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('topics')
      .values([...rows])
      .onConflict((oc) => oc.columns(['desk_id', 'id']).doNothing())
      .execute();
  }

  /** False if a topic with that id exists. */
  async insert(row: TopicRow): Promise<boolean> {
    const result = await this.db
      .insertInto('topics')
      .values(row)
      .onConflict((oc) => oc.columns(['desk_id', 'id']).doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  /** Appended after the last topic. */
  async nextPosition(deskId: string): Promise<number> {
    const row = await this.db
      .selectFrom('topics')
      .select((eb) => eb.fn.max('position').as('last'))
      .where('desk_id', '=', deskId)
      .executeTakeFirst();
    return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
  }

  /** False if there is no such topic. */
  async update(deskId: string, id: string, changes: Partial<Pick<TopicRow, 'names' | 'active' | 'updated_at'>>): Promise<boolean> {
    const result = await this.db.updateTable('topics').set(changes).where('desk_id', '=', deskId).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Numbers the topics in the order given, all or none. */
  async reorder(deskId: string, ids: readonly string[], at: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const [position, id] of ids.entries()) {
        await trx.updateTable('topics').set({ position, updated_at: at }).where('desk_id', '=', deskId).where('id', '=', id).execute();
      }
    });
  }
}
