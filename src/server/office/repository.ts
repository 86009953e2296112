import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { OfficeMediaKind, OfficeProfile } from '../../shared/protocol';

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

  async saveMedia(deskId: string, kind: OfficeMediaKind, contentType: string, data: Buffer, at: string): Promise<void> {
    await this.db
      .insertInto('office_media')
      .values({ desk_id: deskId, kind, content_type: contentType, data, updated_at: at })
      .onConflict((oc) => oc.columns(['desk_id', 'kind']).doUpdateSet({ content_type: contentType, data, updated_at: at }))
      .execute();
  }

  async removeMedia(deskId: string, kind: OfficeMediaKind): Promise<void> {
    await this.db.deleteFrom('office_media').where('desk_id', '=', deskId).where('kind', '=', kind).execute();
  }

  async media(deskId: string, kind: OfficeMediaKind): Promise<{ contentType: string; data: Buffer } | undefined> {
    const row = await this.db
      .selectFrom('office_media')
      .select(['content_type', 'data'])
      .where('desk_id', '=', deskId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row && { contentType: row.content_type, data: row.data };
  }

  /** When each stored kind last changed (for cache-busting paths). */
  async mediaVersions(deskId: string): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom('office_media').select(['kind', 'updated_at']).where('desk_id', '=', deskId).execute();
    return new Map(rows.map((row) => [row.kind, row.updated_at]));
  }

  async logo(deskId: string): Promise<Buffer | undefined> {
    const row = await this.db.selectFrom('office_profiles').select('logo').where('desk_id', '=', deskId).executeTakeFirst();
    return row?.logo ?? undefined;
  }
}
