import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { DesksTable } from './tables';

export const DEFAULT_DESK_SLUG = 'default';

export type DeskRow = DesksTable;

export class DeskRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  findBySlug(slug: string): Promise<DeskRow | undefined> {
    return this.db.selectFrom('desks').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  /** Creates the desk on first start; later starts keep its id and update name and time zone. */
  async upsert(slug: string, name: string, timeZone: string, now: Date): Promise<DeskRow> {
    await this.db
      .insertInto('desks')
      .values({ id: randomUUID(), slug, name, time_zone: timeZone, created_at: now.toISOString() })
      .onConflict((oc) => oc.column('slug').doUpdateSet({ name, time_zone: timeZone }))
      .execute();
    const desk = await this.findBySlug(slug);
    if (!desk) throw new Error(`desk ${slug} vanished after upsert`);
    return desk;
  }
}
