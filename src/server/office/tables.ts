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

/** The office's larger media, one of each kind per desk (OFFICE_MEDIA). */
export interface OfficeMediaTable {
  desk_id: string;
  kind: string;
  content_type: string;
  data: Buffer;
  updated_at: string;
}

export interface OfficeTables {
  office_profiles: OfficeProfilesTable;
  office_media: OfficeMediaTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends OfficeTables {}
}
