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
import type { FileRepository, FileVariant, StoredFile } from './repository';
import type { Actor } from '../actor';

export interface Upload {
  clientId: string;
  /** As the sender's browser named it; cleaned before it is stored. */
  name: string;
  bytes: Buffer;
}

export type FileLimits = Config['files'];

export class FileService {
  constructor(
    private readonly repository: FileRepository,
    private readonly conversations: ConversationService,
    private readonly clock: Clock,
    readonly limits: FileLimits,
  ) {}

  /**
   * Cheap refusals before the upload is read: a retry of a stored upload is answered with it, and
   * a conversation already holding its maximum of files is refused.
   */
  async precheck(conversationId: string, actor: Actor, clientId: string): Promise<PostResult | null> {
    const existing = await this.conversations.findMessage(conversationId, clientId);
    if (existing) {
      const staffId = actor.kind === 'staff' ? actor.id : null;
      if (existing.author !== actor.kind || existing.author_id !== staffId) throw new AppError('validation_failed', 'client id already used');
      return { message: existing, duplicate: true };
    }
    if ((await this.repository.countForConversation(conversationId)) >= this.limits.perConversation) throw new AppError('too_many_files');
    return null;
  }

  async upload(desk: Desk, conversationId: string, actor: Actor, upload: Upload): Promise<PostResult> {
    const { data, thumbnail, ...attachment } = await prepareFile(upload, this.limits);
    const row = {
      ...attachment,
      conversation_id: conversationId,
      uploader: actor.kind,
      uploader_id: actor.kind === 'staff' ? actor.id : null,
      data,
      thumbnail,
      created_at: this.clock.now().toISOString(),
    };
    return this.conversations.post(desk, conversationId, actor, upload.clientId, '', {
      file: { attachment, store: (trx) => this.repository.insertIfRoom(trx, row, { files: this.limits.perConversation, bytes: this.limits.bytesPerConversation }) },
    });
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
  if (upload.bytes.length > limits.maxBytes) throw new AppError('file_too_large');
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

function present(file: StoredFile | undefined): StoredFile & { bytes: Buffer } {
  if (!file?.bytes) throw new AppError('file_not_found');
  return { ...file, bytes: file.bytes };
}
