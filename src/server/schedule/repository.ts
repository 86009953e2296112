import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { DeskPausesTable, ScheduleExceptionsTable, ScheduleSettingsTable } from './tables';

export type ScheduleExceptionRow = ScheduleExceptionsTable;
export type DeskPauseRow = DeskPausesTable;
export type ScheduleSettingsRow = ScheduleSettingsTable;

export class ScheduleRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  findPause(deskId: string): Promise<DeskPauseRow | undefined> {
    return this.db.selectFrom('desk_pauses').selectAll().where('desk_id', '=', deskId).executeTakeFirst();
  }

  /** Pauses the desk, or replaces the message of a pause already in force. */
  async setPause(deskId: string, messages: string, at: Date): Promise<void> {
    await this.db
      .insertInto('desk_pauses')
      .values({ desk_id: deskId, messages, paused_at: at.toISOString() })
      .onConflict((oc) => oc.column('desk_id').doUpdateSet({ messages }))
      .execute();
  }

  /** True if the desk was paused. */
  async clearPause(deskId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('desk_pauses').where('desk_id', '=', deskId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async upsertException(deskId: string, date: string, hours: string, at: Date): Promise<void> {
    await this.db
      .insertInto('schedule_exceptions')
      .values({ desk_id: deskId, date, hours, created_at: at.toISOString() })
      .onConflict((oc) => oc.columns(['desk_id', 'date']).doUpdateSet({ hours, created_at: at.toISOString() }))
      .execute();
  }

  /** True if there was an exception on that date. */
  async deleteException(deskId: string, date: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('schedule_exceptions')
      .where('desk_id', '=', deskId)
      .where('date', '=', date)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Exceptions from `from` to `to` (YYYY-MM-DD, inclusive; either may be open), by date. */
  listExceptions(deskId: string, from: string | null = null, to: string | null = null): Promise<ScheduleExceptionRow[]> {
    let query = this.db.selectFrom('schedule_exceptions').selectAll().where('desk_id', '=', deskId);
    if (from) query = query.where('date', '>=', from);
    if (to) query = query.where('date', '<=', to);
    return query.orderBy('date').execute();
  }

  findSettings(deskId: string): Promise<ScheduleSettingsRow | undefined> {
    return this.db.selectFrom('schedule_settings').selectAll().where('desk_id', '=', deskId).executeTakeFirst();
  }

  async saveSettings(row: ScheduleSettingsRow): Promise<void> {
    const { desk_id: _deskId, ...changes } = row;
    await this.db
      .insertInto('schedule_settings')
      .values(row)
      .onConflict((oc) => oc.column('desk_id').doUpdateSet(changes))
      .execute();
  }
}
