import type { Kysely, Selectable } from 'kysely';
import * as z from 'zod';
import { UI_LANGUAGES } from '../../shared/languages';
import type { Topic, TopicNames } from '../../shared/protocol';
import type { DatabaseSchema } from '../db/schema';
import type { TopicsTable } from './tables';

const storedNames = z.partialRecord(z.enum(UI_LANGUAGES), z.string());

/** A topic to store at `position` of its desk's list. */
export interface NewTopic {
  deskId: string;
  topic: Topic;
  position: number;
  at: string;
}

export class TopicRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Every topic of the desk, in order. */
  async list(deskId: string): Promise<Topic[]> {
    const rows = await this.db.selectFrom('topics').selectAll().where('desk_id', '=', deskId).orderBy('position').orderBy('id').execute();
    return rows.map(toTopic);
  }

  async find(deskId: string, id: string): Promise<Topic | undefined> {
    const row = await this.db.selectFrom('topics').selectAll().where('desk_id', '=', deskId).where('id', '=', id).executeTakeFirst();
    return row && toTopic(row);
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
  async insertMissing(topics: readonly NewTopic[]): Promise<void> {
    if (topics.length === 0) return;
    await this.db
      .insertInto('topics')
      .values(topics.map(toRow))
      .onConflict((oc) => oc.columns(['desk_id', 'id']).doNothing())
      .execute();
  }

  /** False if a topic with that id exists. */
  async insert(topic: NewTopic): Promise<boolean> {
    const result = await this.db
      .insertInto('topics')
      .values(toRow(topic))
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
  async update(deskId: string, id: string, change: { names?: TopicNames; active?: boolean }, at: string): Promise<boolean> {
    const columns = {
      ...(change.names && { names: JSON.stringify(change.names) }),
      ...(change.active !== undefined && { active: change.active ? 1 : 0 }),
      updated_at: at,
    };
    const result = await this.db.updateTable('topics').set(columns).where('desk_id', '=', deskId).where('id', '=', id).executeTakeFirst();
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

function toTopic(row: Selectable<TopicsTable>): Topic {
  const names = storedNames.safeParse(JSON.parse(row.names));
  return { id: row.id, names: names.success ? names.data : {}, active: row.active === 1 };
}

function toRow({ deskId, topic, position, at }: NewTopic): TopicsTable {
  return { desk_id: deskId, id: topic.id, names: JSON.stringify(topic.names), position, active: topic.active ? 1 : 0, updated_at: at };
}
