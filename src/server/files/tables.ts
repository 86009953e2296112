import type { Generated } from 'kysely';
import type { FileType } from '../../shared/protocol';
import type { ScanStatus } from './screening';

export type Uploader = 'visitor' | 'staff';

export interface FilesTable {
  /** Random UUID: the only handle to the bytes, never derived from the name. */
  id: string;
  conversation_id: string;
  uploader: Uploader;
  /** The staff member who sent it; null for the visitor. */
  uploader_id: string | null;
  /** The sender's file name after sanitiseFileName; only ever used in Content-Disposition. */
  name: string;
  /** Decided from the bytes (magic numbers), never from the name or the declared type. */
  content_type: FileType;
  size: number;
  width: number | null;
  height: number | null;
  data: Buffer;
  /** A small WebP for images; null for documents. */
  thumbnail: Buffer | null;
  created_at: string;
  /** Shown to nobody but the sender's "being checked" until clean (files/screening.ts). */
  scan_status: Generated<ScanStatus>;
  /** The upload's client id while its message waits for the scan; null once posted or for older files. */
  client_id: string | null;
}

export interface FileTables {
  files: FilesTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends FileTables {}
}
