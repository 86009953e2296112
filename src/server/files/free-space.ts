/**
 * The global guard against a full disk (finding 4): before an upload is read, the free space of
 * the volume that holds the data (FREE_SPACE_PATH: by default the SQLite file's folder) must stay
 * above UPLOAD_MIN_FREE_BYTES plus the largest file accepted; otherwise the visitor is told
 * `storage_full` at once and the database never reaches the point where every write fails.
 * statfs is one cheap system call, so it is asked on every upload rather than cached.
 */
import { statfs } from 'node:fs/promises';
import type { Config } from '../config';
import { AppError } from '../errors';

export async function assertRoomForUpload(files: Pick<Config['files'], 'freeSpacePath' | 'minFreeBytes' | 'maxBytes'>): Promise<void> {
  if (files.minFreeBytes === 0) return;
  const volume = await statfs(files.freeSpacePath);
  if (volume.bavail * volume.bsize < files.minFreeBytes + files.maxBytes) throw new AppError('storage_full');
}
