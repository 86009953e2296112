/**
 * Messages left for the desk: stored with their confirmation e-mail in one transaction, then the
 * mail is sent through the outbox (a mail server outage delays the mail, never loses the message);
 * answered and closed by staff, the answer likewise stored with its e-mail and kept for the
 * visitor's private page. There the visitor may reply (with files, under the chat's rules), which
 * makes the message new again for the inbox; each further answer is mailed like the first.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { isUiLanguage, type UiLanguage } from '../../shared/languages';
import { maxLeftMessageFiles, type LeaveMessageRequest, type LeftMessageStatus } from '../../shared/protocol';
import type { AuditLog } from '../audit/audit-log';
import type { StaffMember } from '../staff/types';
import { inboxReader, mayRead } from './reader';
import type { Clock } from '../clock';
import type { DatabaseSchema } from '../db/schema';
import type { Desk } from '../desks/desk';
import type { OfficeService } from '../office/service';
import { closedVisitNextFacts, leftMessageAnsweredFact, leftMessageReceivedFact, leftMessageReplyAnsweredFact, leftMessageReplyFact, reopeningReply } from '../reports/facts';
import type { ReportService } from '../reports/service';
import type { ScheduleService } from '../schedule/service';
import type { TopicService } from '../topics/service';
import { AppError } from '../errors';
import type { ScanStatus, UploadScreening } from '../files/screening';
import { assertFileSize, prepareFile, type FileLimits, type PreparedFile } from '../files/service';
import type { MailOutbox, StoredMail } from '../mail/outbox';
import { hashToken, newSecretToken } from '../tokens';
import { answerMail, confirmationMail, privateLink } from './mails';
import { canReply, type LeftMessageThread } from './mappers';
import { newReadableCode } from '../readable-code';
import type { LeftMessageRepository } from './repository';
import type { StoredLeftMessage, StoredLeftMessageFile } from './types';

/** A second collision in 8.5·10^11 references would mean something else is wrong. */
const REFERENCE_ATTEMPTS = 3;

export interface LeftMessageReceipt {
  reference: string;
  token: string;
  /** Some files wait for the virus scanner: staff see them once clean. */
  filesChecking: boolean;
}

/** Pending files scanned per job run. */
const RESCAN_BATCH = 20;

export interface InboxDeps {
  repository: LeftMessageRepository;
  mail: Pick<MailOutbox, 'store' | 'startSending' | 'enabled'>;
  audit: AuditLog;
  schedule: Pick<ScheduleService, 'status'>;
  topics: Pick<TopicService, 'assertOffered'>;
  office: Pick<OfficeService, 'name'>;
  clock: Clock;
  /** PUBLIC_URL, for the private link in the confirmation. */
  publicUrl: string;
  /** The chat's rules for files (FILE_MAX_BYTES, FILE_TYPES, FILES_PER_CONVERSATION, FILE_BYTES_PER_CONVERSATION) apply to attachments too, a thread's being one conversation's. */
  files: Pick<FileLimits, 'maxBytes' | 'types' | 'perConversation' | 'bytesPerConversation'>;
  reports: Pick<ReportService, 'recordInTransaction' | 'workingSecondsSince'>;
  screening: UploadScreening;
}

type ScreenedFile = PreparedFile & { scan_status: ScanStatus };

/** A message to leave, from the public form or a conversation turned into one at closing; the address is optional. */
export type LeftMessageInput = Omit<LeaveMessageRequest, 'email' | 'consent'> & { email?: string | null };

/**
 * `left_messages.email` predates messages without an address and is NOT NULL (SQLite cannot drop
 * that in place without cascading into the files), so no address is stored as ''.
 */
const NO_ADDRESS = '';

/** A file as the visitor's browser sent it with the message. */
export interface AttachedFile {
  name: string;
  bytes: Buffer;
}

export class InboxService {
  constructor(private readonly deps: InboxDeps) {}

  /** Answers also go by e-mail; without it the private page is the only way to read them. */
  get sendsEmail(): boolean {
    return this.deps.mail.enabled;
  }

  async leave(desk: Desk, request: LeftMessageInput, attached: readonly AttachedFile[] = []): Promise<LeftMessageReceipt> {
    if (!desk.languages.includes(request.language)) throw new AppError('validation_failed', 'language');
    await this.deps.topics.assertOffered(desk.id, request.topic);
    if (request.body.length > desk.maxMessageLength) throw new AppError('message_too_long');
    // Once the service period is over nobody is there to answer; before it starts, or on any
    // closed day, a message waits for the consultants.
    if ((await this.deps.schedule.status(desk.id)).reason === 'after_service') throw new AppError('service_closed');
    const files = await this.prepareFiles(desk.id, attached);
    const deskName = await this.deps.office.name(desk.id, request.language);
    const token = newSecretToken();
    const link = privateLink(this.deps.publicUrl, token, request.language);
    let confirmation: StoredMail | undefined;
    const reference = await this.store(desk.id, request, hashToken(token), async (trx, messageId, reference) => {
      const createdAt = this.deps.clock.now().toISOString();
      await this.deps.repository.insertFiles(
        trx,
        files.map((file) => fileRow(file, messageId, null, createdAt)),
      );
      await this.deps.reports.recordInTransaction(trx, [
        leftMessageReceivedFact({ desk_id: desk.id, ...request, created_at: createdAt }),
        ...closedVisitNextFacts(request, desk.id, createdAt, 'left_message'),
      ]);
      if (!request.email || !this.deps.mail.enabled) return; // the private link is their way back
      const context = { to: request.email, language: request.language, reference, deskName };
      confirmation = await this.deps.mail.store({ kind: 'left-message-confirmation', deskId: desk.id, mail: confirmationMail(context, link), secret: token }, trx);
    });
    this.deps.mail.startSending(confirmation);
    return { reference, token, filesChecking: files.some((file) => file.scan_status === 'pending') };
  }

  async forVisitor(token: string): Promise<StoredLeftMessage> {
    const message = await this.deps.repository.findByTokenHash(hashToken(token));
    if (!message) throw new AppError('left_message_not_found');
    return message;
  }

  /** The visitor deletes their message from its private page: the text, address, files and thread, all gone. */
  async eraseByVisitor(token: string): Promise<void> {
    await this.erase([(await this.forVisitor(token)).id]);
  }

  /** Deletes left messages outright (the visitor's own, or an admin's erasure). */
  erase(ids: readonly string[]): Promise<number> {
    return this.deps.repository.eraseMany(ids);
  }

  /** The message with its files and replies. */
  async thread(message: StoredLeftMessage): Promise<LeftMessageThread> {
    const [files, replies] = await Promise.all([this.deps.repository.filesOf([message.id]), this.deps.repository.repliesOf([message.id])]);
    return { message, files, replies };
  }

  /** Messages with their files and replies, in the given order. */
  async threads(messages: readonly StoredLeftMessage[]): Promise<LeftMessageThread[]> {
    const ids = messages.map((message) => message.id);
    const [files, replies] = await Promise.all([this.deps.repository.filesOf(ids), this.deps.repository.repliesOf(ids)]);
    return messages.map((message) => ({
      message,
      files: files.filter((file) => file.left_message_id === message.id),
      replies: replies.filter((reply) => reply.left_message_id === message.id),
    }));
  }

  /**
   * The visitor answers the office's answer on the private page, with files under the chat's
   * rules; the message is new again in the inbox. Refused before the first answer and once closed.
   */
  async reply(desk: Desk, token: string, body: string, attached: readonly AttachedFile[] = []): Promise<StoredLeftMessage> {
    const message = await this.forVisitor(token);
    if (body.length > desk.maxMessageLength) throw new AppError('message_too_long');
    this.assertCanReply(message);
    const files = await this.prepareFiles(desk.id, attached, message.id);
    const now = this.deps.clock.now().toISOString();
    const reply = { id: randomUUID(), left_message_id: message.id, author: 'visitor' as const, body, staff_id: null, created_at: now };
    const replied = await this.deps.repository.replyIfAnswered(
      reply,
      files.map((file) => fileRow(file, message.id, reply.id, now)),
      { files: this.deps.files.perConversation, bytes: this.deps.files.bytesPerConversation },
      (trx) => this.deps.reports.recordInTransaction(trx, leftMessageReplyFact(message, reply)),
    );
    // Closed since it was read.
    if (!replied) throw new AppError((await this.forVisitor(token)).status === 'closed' ? 'left_message_closed' : 'left_message_not_answered');
    return this.forVisitor(token);
  }

  /** A file of the visitor's own message; any other is not found. */
  async fileForVisitor(token: string, fileId: string): Promise<StoredLeftMessageFile & { bytes: Buffer }> {
    const message = await this.forVisitor(token);
    return present(await this.deps.repository.findFile(message.id, fileId));
  }

  /** A file of a message the staff member may read. */
  async fileForStaff(staff: StaffMember, messageId: string, fileId: string): Promise<StoredLeftMessageFile & { bytes: Buffer }> {
    const message = await this.get(staff, messageId);
    return present(await this.deps.repository.findFile(message.id, fileId));
  }

  /** The messages `staff` may read (reader.ts). */
  list(staff: StaffMember, status: LeftMessageStatus | undefined): Promise<StoredLeftMessage[]> {
    return this.deps.repository.list(inboxReader(staff), status);
  }

  /** One message `staff` may read; any other is not found, so nothing is learnt of it. */
  async get(staff: StaffMember, id: string): Promise<StoredLeftMessage> {
    const message = await this.deps.repository.findInDesk(staff.desk_id, id);
    if (!message || !mayRead(inboxReader(staff), message)) throw new AppError('left_message_not_found');
    return message;
  }

  async answer(desk: Desk, staff: StaffMember, id: string, answer: string): Promise<StoredLeftMessage> {
    const message = await this.get(staff, id);
    if (answer.length > desk.maxMessageLength) throw new AppError('message_too_long');
    const language: UiLanguage = isUiLanguage(message.language) ? message.language : desk.defaultLanguage;
    const context = { to: message.email, language, reference: message.reference, deskName: await this.deps.office.name(desk.id, language) };
    let storedAnswer: StoredMail | undefined;
    // Read before the transaction, which holds SQLite's only connection: how long the message, or
    // the reply that made it new again, waited.
    const reopenedBy = reopeningReply(await this.deps.repository.repliesOf([message.id]));
    const workingSeconds = await this.deps.reports.workingSecondsSince(desk.id, reopenedBy?.created_at ?? message.created_at);
    const answered = await this.deps.repository.answerIfNew(id, answer, staff.id, this.deps.clock.now().toISOString(), async (trx, how) => {
      await this.deps.reports.recordInTransaction(
        trx,
        how === 'first'
          ? leftMessageAnsweredFact(message, staff.id, workingSeconds)
          : leftMessageReplyAnsweredFact(message, reopenedBy?.created_at ?? message.created_at, staff.id, workingSeconds),
      );
      // Without an address the visitor reads the answer on their private page.
      if (context.to === NO_ADDRESS) return;
      storedAnswer = await this.deps.mail.store({ kind: 'left-message-answer', deskId: desk.id, mail: answerMail(context, answer), overCap: 'skip' }, trx);
    });
    if (!answered) throw new AppError((await this.get(staff, id)).status === 'closed' ? 'left_message_closed' : 'left_message_answered');
    this.deps.mail.startSending(storedAnswer);
    await this.record(desk.id, staff, 'left_message.answered', message);
    return this.get(staff, id);
  }

  async close(staff: StaffMember, id: string): Promise<StoredLeftMessage> {
    const message = await this.get(staff, id);
    if (!(await this.deps.repository.closeIfOpen(id, this.deps.clock.now().toISOString()))) throw new AppError('left_message_closed');
    await this.record(staff.desk_id, staff, 'left_message.closed', message);
    return this.get(staff, id);
  }

  /**
   * Every file is checked (and scanned, as a chat file) before anything is written: one refused
   * file, an infected one too, stores nothing at all.
   */
  private async prepareFiles(deskId: string, attached: readonly AttachedFile[], messageId?: string): Promise<ScreenedFile[]> {
    if (attached.length > maxLeftMessageFiles(this.deps.files)) throw new AppError('too_many_left_message_files');
    const files: ScreenedFile[] = [];
    for (const file of attached) {
      assertFileSize(file.bytes, this.deps.files);
      const target = messageId ? { type: 'left_message' as const, id: messageId } : undefined;
      // Scanned before the decoders (sharp, heic) touch it.
      const scan_status = await this.deps.screening.screen(file.bytes, { deskId, ...(target && { target }) });
      files.push({ ...(await prepareFile(file, this.deps.files)), scan_status });
    }
    return files;
  }

  /** The job after a clamd outage: pending files clamd now finds clean are shown to staff; infected ones are deleted, audited and logged. */
  async scanPendingFiles(deskId: string): Promise<void> {
    for (const file of await this.deps.repository.pendingFiles(deskId, RESCAN_BATCH)) {
      const verdict = await this.deps.screening.verdict(file.data);
      // clamd still cannot answer: the files after this one would wait for it too.
      if (!verdict) return;
      if (verdict === 'refused') await this.deps.repository.deletePendingFile(file.id);
      else if (verdict.clean) await this.deps.repository.markFileClean(file.id);
      else {
        await this.deps.repository.deletePendingFile(file.id);
        await this.deps.screening.recordInfected(verdict.signature, { deskId, target: { type: 'left_message', id: file.left_message_id } });
      }
    }
  }

  private assertCanReply(message: StoredLeftMessage): void {
    if (message.status === 'closed') throw new AppError('left_message_closed');
    if (!canReply(message)) throw new AppError('left_message_not_answered');
  }

  /** Stores the message under a fresh reference, with what `alsoStore` writes for it in the same transaction. */
  private async store(
    deskId: string,
    request: LeftMessageInput,
    tokenHash: string,
    alsoStore: (trx: Transaction<DatabaseSchema>, messageId: string, reference: string) => Promise<void>,
  ): Promise<string> {
    for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt += 1) {
      const reference = newReadableCode();
      const id = randomUUID();
      const stored = await this.deps.repository.insertIfReferenceFree({
        id,
        desk_id: deskId,
        reference,
        token_hash: tokenHash,
        language: request.language,
        topic: request.topic,
        // An address no e-mail will ever go to is not kept.
        email: (this.deps.mail.enabled && request.email) || NO_ADDRESS,
        body: request.body,
        status: 'new',
        created_at: this.deps.clock.now().toISOString(),
      }, (trx) => alsoStore(trx, id, reference));
      if (stored) return reference;
    }
    throw new Error('no free left-message reference after several attempts');
  }

  private record(deskId: string, staff: StaffMember, action: 'left_message.answered' | 'left_message.closed', message: StoredLeftMessage) {
    return this.deps.audit.record({
      deskId,
      actor: { id: staff.id, name: staff.name },
      action,
      target: { type: 'left_message', id: message.id },
      detail: { reference: message.reference },
    });
  }
}

function fileRow({ id, name, content_type, size, data, scan_status }: ScreenedFile, messageId: string, replyId: string | null, createdAt: string) {
  return { id, left_message_id: messageId, reply_id: replyId, name, content_type, size, data, scan_status, created_at: createdAt };
}

function present<T>(file: T | undefined): T {
  if (!file) throw new AppError('file_not_found');
  return file;
}
