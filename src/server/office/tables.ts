export interface OfficeProfilesTable {
  desk_id: string;
  /** JSON: the OfficeProfile /admin saved (src/shared/wire/office.ts). */
  profile: string;
  /** PNG, re-encoded from the upload; null: no logo. */
  logo: Buffer | null;
  logo_updated_at: string | null;
  /** The accessibility statement's first publication: the first save. */
  created_at: string;
  updated_at: string;
}

export interface OfficeTables {
  office_profiles: OfficeProfilesTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends OfficeTables {}
}
