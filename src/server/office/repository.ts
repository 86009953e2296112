import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { OfficeProfile } from '../../shared/protocol';

export interface StoredProfile {
  profile: OfficeProfile;
  logoUpdatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export class OfficeRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async find(deskId: string): Promise<StoredProfile | undefined> {
    const row = await this.db
      .selectFrom('office_profiles')
      .select(['profile', 'logo_updated_at', 'created_at', 'updated_at'])
      .where('desk_id', '=', deskId)
      .executeTakeFirst();
    return (
      row && {
        profile: JSON.parse(row.profile) as OfficeProfile,
        logoUpdatedAt: row.logo_updated_at,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      }
    );
  }

  async save(deskId: string, profile: OfficeProfile, at: string): Promise<void> {
    const json = JSON.stringify(profile);
    await this.db
      .insertInto('office_profiles')
      .values({ desk_id: deskId, profile: json, logo: null, logo_updated_at: null, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('desk_id').doUpdateSet({ profile: json, updated_at: at }))
      .execute();
  }

  /** Sets or (null) removes the logo of a profile that exists. */
  async setLogo(deskId: string, logo: Buffer | null, at: string): Promise<void> {
    await this.db
      .updateTable('office_profiles')
      .set({ logo, logo_updated_at: logo ? at : null, updated_at: at })
      .where('desk_id', '=', deskId)
      .execute();
  }

  async logo(deskId: string): Promise<Buffer | undefined> {
    const row = await this.db.selectFrom('office_profiles').select('logo').where('desk_id', '=', deskId).executeTakeFirst();
    return row?.logo ?? undefined;
  }
}
