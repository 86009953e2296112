import type { FileType } from '../../shared/protocol';

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
}

export interface FileTables {
  files: FilesTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends FileTables {}
}
