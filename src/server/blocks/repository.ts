/** The only place that speaks SQL about visitor blocks. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { VisitorBlocksTable } from './tables';

export type StoredBlock = Selectable<VisitorBlocksTable>;

export class BlockRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(block: Insertable<VisitorBlocksTable>): Promise<void> {
    await this.db.insertInto('visitor_blocks').values(block).execute();
  }

  /** The latest-ending block in force at `now` on this network or this device, if any. */
  findInForce(deskId: string, keys: { networkHash: string | null; deviceHash: string | null }, now: string): Promise<Pick<StoredBlock, 'until'> | undefined> {
    const { networkHash, deviceHash } = keys;
    if (!networkHash && !deviceHash) return Promise.resolve(undefined);
    return this.db
      .selectFrom('visitor_blocks')
      .where('desk_id', '=', deskId)
      .where('until', '>', now)
      .where('lifted_at', 'is', null)
      .where((eb) => eb.or([...(networkHash ? [eb('network_hash', '=', networkHash)] : []), ...(deviceHash ? [eb('device_hash', '=', deviceHash)] : [])]))
      .select('until')
      .orderBy('until', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  listInForce(deskId: string, now: string): Promise<StoredBlock[]> {
    return this.db
      .selectFrom('visitor_blocks')
      .selectAll()
      .where('desk_id', '=', deskId)
      .where('until', '>', now)
      .where('lifted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Lifts a block in force; false when there is none by that id (lifted, ended, another desk's). */
  async lift(deskId: string, id: string, now: string): Promise<StoredBlock | undefined> {
    return this.db
      .updateTable('visitor_blocks')
      .set({ lifted_at: now })
      .where('id', '=', id)
      .where('desk_id', '=', deskId)
      .where('lifted_at', 'is', null)
      .where('until', '>', now)
      .returningAll()
      .executeTakeFirst();
  }
}
