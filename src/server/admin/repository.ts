import type { Kysely } from 'kysely';
import type { StaffUserRow } from '../auth/repository';
import type { StaffUsersTable } from '../auth/tables';
import type { DatabaseSchema } from '../db/schema';

export type StaffProfileChange = Partial<
  Pick<StaffUsersTable, 'name' | 'role' | 'languages' | 'topics' | 'max_concurrent' | 'interpreter_languages' | 'active'>
>;

/** Staff accounts as admins manage them; sign-in and sessions stay with src/server/auth. */
export class StaffAccountRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  list(deskId: string): Promise<StaffUserRow[]> {
    return this.db.selectFrom('staff_users').selectAll().where('desk_id', '=', deskId).orderBy('name').orderBy('email').execute();
  }

  find(deskId: string, id: string): Promise<StaffUserRow | undefined> {
    return this.db.selectFrom('staff_users').selectAll().where('desk_id', '=', deskId).where('id', '=', id).executeTakeFirst();
  }

  /** Changes the profile; deactivating also deletes every session, in the same transaction. */
  async update(id: string, change: StaffProfileChange): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('staff_users').set(change).where('id', '=', id).execute();
      if (change.active === 0) await trx.deleteFrom('staff_sessions').where('user_id', '=', id).execute();
    });
  }
}
