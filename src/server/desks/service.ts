import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { Desk } from './desk';
import { DEFAULT_DESK_SLUG, DeskRepository } from './repository';

/** The desk this instance serves: its row (created on first start) joined with its configuration. */
export async function loadDefaultDesk(database: Database, config: Config, clock: Clock): Promise<Desk> {
  const row = await new DeskRepository(database.db).upsert(DEFAULT_DESK_SLUG, config.desk.name, config.desk.timeZone, clock.now());
  return { ...config.desk, id: row.id, maxMessageLength: config.limits.maxMessageLength };
}
