/**
 * Messages left for the desk: stored with their confirmation e-mail in one transaction, then the
 * mail is sent through the outbox (a mail server outage delays the mail, never loses the message);
 * answered and closed by staff, the answer likewise stored with its e-mail and kept for the
 * visitor's private page.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { isUiLanguage, type UiLanguage } from '../../shared/languages';
import { maxLeftMessageFiles, type LeaveMessageRequest, type LeftMessageStatus } from '../../shared/protocol';
import type { AuditLog } from '../audit/audit-log';
import type { StaffMember } from '../staff/types';
import type { Clock } from '../clock';
import type { DatabaseSchema } from '../db/schema';
import type { Desk } from '../desks/desk';
import type { OfficeService } from '../office/service';
import { leftMessageAnsweredFact, leftMessageReceivedFact } from '../reports/facts';
import type { ReportService } from '../reports/service';
import type { ScheduleService } from '../schedule/service';
import type { TopicService } from '../topics/service';
import { AppError } from '../errors';
import { prepareFile, type FileLimits, type PreparedFile } from '../files/service';
import type { MailOutbox, StoredMail } from '../mail/outbox';
import { hashToken, newSecretToken } from '../tokens';
import { answerMail, confirmationMail, privateLink } from './mails';
import { newReference } from './reference';
import type { LeftMessageRepository } from './repository';
import type { StoredLeftMessage, StoredLeftMessageFile } from './types';

/** A second collision in 8.5·10^11 references would mean something else is wrong. */
const REFERENCE_ATTEMPTS = 3;

export interface LeftMessageReceipt {
  reference: string;
  token: string;
}

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
  /** The chat's rules for files (FILE_MAX_BYTES, FILE_TYPES, FILES_PER_CONVERSATION) apply to attachments too. */
  files: Pick<FileLimits, 'maxBytes' | 'types' | 'perConversation'>;
  reports: Pick<ReportService, 'recordInTransaction' | 'workingSecondsSince'>;
}

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
    if (attached.length > maxLeftMessageFiles(this.deps.files)) throw new AppError('too_many_left_message_files');
    // Every file is checked before anything is written: one refused file stores nothing at all.
    const files: PreparedFile[] = [];
    for (const file of attached) files.push(await prepareFile(file, this.deps.files));
    const deskName = await this.deps.office.name(desk.id, request.language);
    const token = newSecretToken();
    const link = privateLink(this.deps.publicUrl, token, request.language);
    let confirmation: StoredMail | undefined;
    const reference = await this.store(desk.id, request, hashToken(token), async (trx, messageId, reference) => {
      const createdAt = this.deps.clock.now().toISOString();
      await this.deps.repository.insertFiles(
        trx,
        files.map(({ id, name, content_type, size, data }) => ({ id, left_message_id: messageId, name, content_type, size, data, created_at: createdAt })),
      );
      await this.deps.reports.recordInTransaction(trx, leftMessageReceivedFact({ desk_id: desk.id, ...request, created_at: createdAt }));
      if (!request.email || !this.deps.mail.enabled) return; // the private link is their way back
      const context = { to: request.email, language: request.language, reference, deskName };
      confirmation = await this.deps.mail.store({ kind: 'left-message-confirmation', deskId: desk.id, mail: confirmationMail(context, link) }, trx);
    });
    this.deps.mail.startSending(confirmation);
    return { reference, token };
  }

  async forVisitor(token: string): Promise<StoredLeftMessage> {
    const message = await this.deps.repository.findByTokenHash(hashToken(token));
    if (!message) throw new AppError('left_message_not_found');
    return message;
  }

  /** A file of the visitor's own message; any other is not found. */
  async fileForVisitor(token: string, fileId: string): Promise<StoredLeftMessageFile & { bytes: Buffer }> {
    const message = await this.forVisitor(token);
    return present(await this.deps.repository.findFile(message.id, fileId));
  }

  /** A file of a message left for the staff member's desk. */
  async fileForStaff(deskId: string, messageId: string, fileId: string): Promise<StoredLeftMessageFile & { bytes: Buffer }> {
    const message = await this.get(deskId, messageId);
    return present(await this.deps.repository.findFile(message.id, fileId));
  }

  filesOf(messageIds: readonly string[]): Promise<StoredLeftMessageFile[]> {
    return this.deps.repository.filesOf(messageIds);
  }

  list(deskId: string, status: LeftMessageStatus | undefined): Promise<StoredLeftMessage[]> {
    return this.deps.repository.list(deskId, status);
  }

  async get(deskId: string, id: string): Promise<StoredLeftMessage> {
    const message = await this.deps.repository.findInDesk(deskId, id);
    if (!message) throw new AppError('left_message_not_found');
    return message;
  }

  async answer(desk: Desk, staff: StaffMember, id: string, answer: string): Promise<StoredLeftMessage> {
    const message = await this.get(desk.id, id);
    if (answer.length > desk.maxMessageLength) throw new AppError('message_too_long');
    const language: UiLanguage = isUiLanguage(message.language) ? message.language : desk.defaultLanguage;
    const context = { to: message.email, language, reference: message.reference, deskName: await this.deps.office.name(desk.id, language) };
    let storedAnswer: StoredMail | undefined;
    // Read before the transaction, which holds SQLite's only connection.
    const workingSeconds = await this.deps.reports.workingSecondsSince(desk.id, message.created_at);
    const answered = await this.deps.repository.answerIfNew(id, answer, staff.id, this.deps.clock.now().toISOString(), async (trx) => {
      // Without an address the visitor reads the answer on their private page.
      if (context.to === NO_ADDRESS) return;
      storedAnswer = await this.deps.mail.store({ kind: 'left-message-answer', deskId: desk.id, mail: answerMail(context, answer) }, trx);
      await this.deps.reports.recordInTransaction(trx, leftMessageAnsweredFact(message, staff.id, workingSeconds));
    });
    if (!answered) throw new AppError((await this.get(desk.id, id)).status === 'closed' ? 'left_message_closed' : 'left_message_answered');
    this.deps.mail.startSending(storedAnswer);
    await this.record(desk.id, staff, 'left_message.answered', message);
    return this.get(desk.id, id);
  }

  async close(deskId: string, staff: StaffMember, id: string): Promise<StoredLeftMessage> {
    const message = await this.get(deskId, id);
    if (!(await this.deps.repository.closeIfOpen(id, this.deps.clock.now().toISOString()))) throw new AppError('left_message_closed');
    await this.record(deskId, staff, 'left_message.closed', message);
    return this.get(deskId, id);
  }

  /** Stores the message under a fresh reference, with what `alsoStore` writes for it in the same transaction. */
  private async store(
    deskId: string,
    request: LeftMessageInput,
    tokenHash: string,
    alsoStore: (trx: Transaction<DatabaseSchema>, messageId: string, reference: string) => Promise<void>,
  ): Promise<string> {
    for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt += 1) {
      const reference = newReference();
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

function present<T>(file: T | undefined): T {
  if (!file) throw new AppError('file_not_found');
  return file;
}
