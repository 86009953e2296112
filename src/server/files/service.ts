/**
 * Files in a conversation: a file is a message whose attachment is stored with it in one
 * transaction, so the sender's retry (same client id) never stores it twice, and the realtime
 * message event carries it to the other side like any message. Reading checks who asks: the
 * conversation's visitor, or staff of its desk.
 */
import { randomUUID } from 'node:crypto';
import type { FileType } from '../../shared/protocol';
import type { Config } from '../config';
import type { Clock } from '../clock';
import type { ConversationService, PostResult } from '../conversations/service';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import { inspectFile } from './content';
import { sanitiseFileName } from './names';
import type { FileRepository, FileVariant, PendingFile, StoredFile } from './repository';
import type { UploadScreening } from './screening';
import type { Actor } from '../actor';

/** Pending files scanned per job run: a backlog after a clamd outage drains over a few runs. */
const RESCAN_BATCH = 20;

export interface Upload {
  clientId: string;
  /** As the sender's browser named it; cleaned before it is stored. */
  name: string;
  bytes: Buffer;
}

export type FileLimits = Config['files'];

/** A stored upload: its message, or `pending` while clamd cannot be reached (the message follows once it is clean). */
export type UploadResult = PostResult | { pending: true };

export class FileService {
  constructor(
    private readonly repository: FileRepository,
    private readonly conversations: ConversationService,
    private readonly clock: Clock,
    readonly limits: FileLimits,
    private readonly screening: UploadScreening,
  ) {}

  /**
   * Cheap refusals before the upload is read: a retry of a stored upload is answered with it, and
   * a conversation already holding its maximum of files is refused.
   */
  async precheck(conversationId: string, actor: Actor, clientId: string): Promise<UploadResult | null> {
    const existing = await this.conversations.findMessage(conversationId, clientId);
    if (existing) {
      const staffId = actor.kind === 'staff' ? actor.id : null;
      if (existing.author !== actor.kind || existing.author_id !== staffId) throw new AppError('validation_failed', 'client id already used');
      return { message: existing, duplicate: true };
    }
    if (actor.kind === 'visitor' && (await this.repository.isPending(conversationId, clientId))) return { pending: true };
    if ((await this.repository.countForConversation(conversationId)) >= this.limits.perConversation) throw new AppError('too_many_files');
    return null;
  }

  async upload(desk: Desk, conversationId: string, actor: Actor, upload: Upload): Promise<UploadResult> {
    assertFileSize(upload.bytes, this.limits);
    // What the sender sent is scanned, though an image is stored re-encoded: a virus appended to a
    // photo is refused rather than quietly cut off; and before the decoders (sharp, heic) touch it.
    const scan = await this.screening.screen(upload.bytes, { deskId: desk.id, target: { type: 'conversation', id: conversationId } });
    const { data, thumbnail, ...attachment } = await prepareFile(upload, this.limits);
    const room = { files: this.limits.perConversation, bytes: this.limits.bytesPerConversation };
    const row = {
      ...attachment,
      conversation_id: conversationId,
      uploader: actor.kind,
      uploader_id: actor.kind === 'staff' ? actor.id : null,
      data,
      thumbnail,
      created_at: this.clock.now().toISOString(),
    };
    if (scan === 'pending') {
      // Staff are at their desk and can simply try again; a visitor's file waits and follows.
      if (actor.kind === 'staff') throw new AppError('virus_scan_unavailable');
      await this.repository.insertPendingIfRoom({ ...row, client_id: upload.clientId }, room);
      return { pending: true };
    }
    return this.conversations.post(desk, conversationId, actor, upload.clientId, '', {
      file: { attachment, store: (trx) => this.repository.insertIfRoom(trx, row, room) },
    });
  }

  /**
   * The job after a clamd outage: each pending file clamd now finds clean is posted as the
   * visitor's message under its upload's client id (so two instances at once post it once), an
   * infected one is deleted, audited and logged, one clamd refuses to check is deleted and logged.
   * Stops when clamd still cannot answer: the files after it would wait for it too.
   */
  async scanPending(desk: Desk): Promise<void> {
    for (const file of await this.repository.pending(desk.id, RESCAN_BATCH)) {
      const verdict = await this.screening.verdict(file.data);
      if (!verdict) return;
      if (verdict === 'refused') await this.repository.deletePending(file.id);
      else if (verdict.clean) await this.postScanned(desk, file);
      else {
        await this.repository.deletePending(file.id);
        await this.screening.recordInfected(verdict.signature, { deskId: desk.id, target: { type: 'conversation', id: file.conversation_id } });
      }
    }
  }

  private async postScanned(desk: Desk, file: PendingFile): Promise<void> {
    const { id, name, content_type, size, width, height } = file;
    try {
      await this.conversations.post(desk, file.conversation_id, { kind: 'visitor', conversationId: file.conversation_id }, file.client_id ?? id, '', {
        file: { attachment: { id, name, content_type, size, width, height }, store: (trx) => this.repository.markClean(trx, id) },
      });
    } catch (error) {
      // The conversation ended while clamd was away: nobody is left to read the file.
      if (!(error instanceof AppError)) throw error;
      await this.repository.deletePending(id);
    }
  }

  /** The visitor's own conversation's file; anyone else's is not found. */
  async readForVisitor(conversationId: string, fileId: string, variant: FileVariant): Promise<StoredFile & { bytes: Buffer }> {
    return present(await this.repository.findInConversation(fileId, conversationId, variant));
  }

  /** A file of any conversation of the staff member's desk. */
  async readForStaff(deskId: string, fileId: string, variant: FileVariant): Promise<StoredFile & { bytes: Buffer }> {
    return present(await this.repository.findInDesk(fileId, deskId, variant));
  }
}

/** A file ready to store: within the size limit, of an allowed type by its bytes, images cleaned, name sanitised. */
export interface PreparedFile {
  id: string;
  name: string;
  content_type: FileType;
  size: number;
  width: number | null;
  height: number | null;
  data: Buffer;
  thumbnail: Buffer | null;
}

/** Everything any upload goes through before it is stored (chat files and files of left messages). */
export async function prepareFile(upload: Pick<Upload, 'name' | 'bytes'>, limits: Pick<FileLimits, 'maxBytes' | 'types'>): Promise<PreparedFile> {
  assertFileSize(upload.bytes, limits);
  const inspected = await inspectFile(upload.bytes, limits.types);
  return {
    id: randomUUID(),
    name: sanitiseFileName(upload.name, inspected.contentType),
    content_type: inspected.contentType,
    size: inspected.data.length,
    width: inspected.width,
    height: inspected.height,
    data: inspected.data,
    thumbnail: inspected.thumbnail,
  };
}

/** Checked before the file is scanned, so clamd is never sent more than an upload may be. */
export function assertFileSize(bytes: Buffer, limits: Pick<FileLimits, 'maxBytes'>): void {
  if (bytes.length > limits.maxBytes) throw new AppError('file_too_large');
}

function present(file: StoredFile | undefined): StoredFile & { bytes: Buffer } {
  if (!file?.bytes) throw new AppError('file_not_found');
  return { ...file, bytes: file.bytes };
}
