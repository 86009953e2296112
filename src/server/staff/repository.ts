/**
 * The SQL about staff members' profiles (staff_users: role, languages, topics, capacity,
 * availability, interpreted languages): what /admin changes and what other domains read of a
 * colleague. Passwords and sessions stay with src/server/auth.
 */
import type { Kysely } from 'kysely';
import type { UiLanguage } from '../../shared/languages';
import type { Colleague, StaffPresence } from '../../shared/protocol';
import { toStaffMember } from '../auth/repository';
import type { StaffAvailability } from '../auth/roles';
import { splitList } from '../auth/service';
import type { StaffUsersTable } from './tables';
import type { DatabaseSchema } from '../db/schema';
import type { ActiveStaffMember, AvailableStaffMember, Interpreter, StaffMember } from './types';

export type StaffProfileChange = Partial<
  Pick<StaffUsersTable, 'name' | 'role' | 'languages' | 'topics' | 'max_concurrent' | 'interpreter_languages' | 'active'>
>;

/** What the colleagues list reads of each staff member, and so groups by. */
const LOAD_COLUMNS = [
  'staff_users.id',
  'staff_users.name',
  'staff_users.role',
  'staff_users.languages',
  'staff_users.topics',
  'staff_users.availability',
  'staff_users.max_concurrent',
] as const;

const PRESENCE_COLUMNS = ['id', 'name', 'availability', 'languages'] as const;

export class StaffRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async list(deskId: string): Promise<StaffMember[]> {
    const rows = await this.db.selectFrom('staff_users').selectAll().where('desk_id', '=', deskId).orderBy('name').orderBy('email').execute();
    return rows.map(toStaffMember);
  }

  /** The names of these accounts, deactivated ones too (the audit log names who it mentions). */
  async names(deskId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('staff_users').select(['id', 'name']).where('desk_id', '=', deskId).where('id', 'in', ids).execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async find(deskId: string, id: string): Promise<StaffMember | undefined> {
    const row = await this.db.selectFrom('staff_users').selectAll().where('desk_id', '=', deskId).where('id', '=', id).executeTakeFirst();
    return row && toStaffMember(row);
  }

  /** Changes the profile; deactivating also deletes every session, in the same transaction. */
  async update(id: string, change: StaffProfileChange): Promise<void> {
    if (Object.keys(change).length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('staff_users').set(change).where('id', '=', id).execute();
      if (change.active === 0) await trx.deleteFrom('staff_sessions').where('user_id', '=', id).execute();
    });
  }

  async findActive(deskId: string, staffId: string): Promise<ActiveStaffMember | undefined> {
    const row = await this.db
      .selectFrom('staff_users')
      .select(['id', 'name', 'role', 'availability', 'interpreter_languages', 'languages', 'topics'])
      .where('id', '=', staffId)
      .where('desk_id', '=', deskId)
      .where('active', '=', 1)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        name: row.name,
        role: row.role,
        availability: row.availability,
        interpreterLanguages: splitList(row.interpreter_languages),
        languages: splitList(row.languages),
        topics: splitList(row.topics),
      }
    );
  }

  /** Sets the availability if it differs (or, with `onlyFrom`, only from that state); true if it changed. */
  async setAvailability(staffId: string, availability: StaffAvailability, at: string, onlyFrom?: StaffAvailability): Promise<boolean> {
    let update = this.db
      .updateTable('staff_users')
      .set({ availability, availability_changed_at: at })
      .where('id', '=', staffId)
      .where('availability', '!=', availability);
    if (onlyFrom) update = update.where('availability', '=', onlyFrom);
    const result = await update.executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async presence(staffId: string): Promise<StaffPresence | undefined> {
    const row = await this.db.selectFrom('staff_users').select(PRESENCE_COLUMNS).where('id', '=', staffId).executeTakeFirst();
    return row && toPresence(row);
  }

  /** Every active staff member of the desk, by name. */
  async presenceOfDesk(deskId: string): Promise<StaffPresence[]> {
    const rows = await this.db.selectFrom('staff_users').select(PRESENCE_COLUMNS).where('desk_id', '=', deskId).where('active', '=', 1).orderBy('name').execute();
    return rows.map(toPresence);
  }

  /** The languages of each active staff member of the desk. */
  async activeLanguages(deskId: string): Promise<string[][]> {
    const rows = await this.db.selectFrom('staff_users').select('languages').where('desk_id', '=', deskId).where('active', '=', 1).execute();
    return rows.map((row) => splitList(row.languages));
  }

  /** Those of `staffIds` who are active on the desk and available, by name. */
  async availableAmong(deskId: string, staffIds: readonly string[]): Promise<AvailableStaffMember[]> {
    if (staffIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('staff_users')
      .select(['id', 'languages', 'topics', 'max_concurrent', 'availability_changed_at', 'interpreter_languages'])
      .where('desk_id', '=', deskId)
      .where('active', '=', 1)
      .where('availability', '=', 'available')
      .where('id', 'in', staffIds)
      .orderBy('name')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      languages: splitList(row.languages),
      topics: splitList(row.topics),
      maxConcurrent: row.max_concurrent,
      availabilityChangedAt: row.availability_changed_at,
      interpreterLanguages: splitList(row.interpreter_languages),
    }));
  }

  /** Active staff of the desk who interpret and are available, by name. */
  async availableInterpreters(deskId: string): Promise<Interpreter[]> {
    const rows = await this.db
      .selectFrom('staff_users')
      .select(['id', 'name', 'interpreter_languages'])
      .where('desk_id', '=', deskId)
      .where('active', '=', 1)
      .where('availability', '=', 'available')
      .where('interpreter_languages', '!=', '')
      .orderBy('name')
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, interpreterLanguages: splitList(row.interpreter_languages) }));
  }

  /** Active staff of the desk with the number of active conversations each is assigned, by name. */
  async withLoad(deskId: string): Promise<Colleague[]> {
    const rows = await this.db
      .selectFrom('staff_users')
      .leftJoin('conversations', (join) =>
        join.onRef('conversations.assignee_id', '=', 'staff_users.id').on('conversations.status', '=', 'active'),
      )
      .select((eb) => [...LOAD_COLUMNS, eb.fn.count<number | string>('conversations.id').as('load')])
      .where('staff_users.desk_id', '=', deskId)
      .where('staff_users.active', '=', 1)
      .groupBy(LOAD_COLUMNS)
      .orderBy('staff_users.name')
      .execute();
    // PostgreSQL counts in bigint, which pg returns as a string.
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role,
      languages: splitList(row.languages) as UiLanguage[],
      topics: splitList(row.topics),
      availability: row.availability,
      maxConcurrent: row.max_concurrent,
      load: Number(row.load),
    }));
  }
}

function toPresence(row: Pick<StaffUsersTable, 'id' | 'name' | 'availability' | 'languages'>): StaffPresence {
  return { id: row.id, name: row.name, availability: row.availability, languages: splitList(row.languages) as UiLanguage[] };
}
