/**
 * Data-subject requests: an admin finds one person's data by the key they were given, exports it
 * (one JSON file, every file's bytes base64-encoded in it), erases it, or removes one message's
 * text. Each is audited with the kind of key and the counts — never the key or the content.
 *
 * What a key finds: an e-mail address, every left message and booking with it (any case); a case
 * code, its conversation (codes live until used or the conversation ends); a reference, its left
 * message; an id, that conversation or booking. A booking brings the conversations of its call,
 * and such a conversation its booking.
 */
import type { ErasureSummary, FileType, FoundConversation, PersonData, PRIVACY_KEY_KINDS } from '../../shared/protocol';
import { parseReadableCode } from '../../shared/readable-code';
import type { AuditLog } from '../audit/audit-log';
import type { BookingService } from '../bookings/service';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { InboxService } from '../inbox/service';
import type { StaffMember } from '../staff/types';
import { hashToken } from '../tokens';
import type { PrivacyRepository } from './repository';

type KeyKind = (typeof PRIVACY_KEY_KINDS)[number];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Found {
  key: { kind: KeyKind; value: string };
  conversationIds: string[];
  leftMessageIds: string[];
  bookingIds: string[];
}

/** A file in the export: its metadata and bytes. */
interface ExportedFile {
  id: string;
  name: string;
  contentType: FileType;
  size: number;
  base64: string;
}

export interface PrivacyDeps {
  repository: PrivacyRepository;
  audit: AuditLog;
  inbox: Pick<InboxService, 'erase'>;
  bookings: Pick<BookingService, 'erase'>;
  clock: Clock;
}

export class PrivacyService {
  constructor(private readonly deps: PrivacyDeps) {}

  async find(admin: StaffMember, key: string): Promise<PersonData> {
    const found = await this.locate(admin.desk_id, key);
    await this.record(admin, 'privacy.searched', found);
    return this.read(found);
  }

  /** The found data with every file's bytes, as the export's JSON text. */
  async export(admin: StaffMember, key: string): Promise<string> {
    const found = await this.locate(admin.desk_id, key);
    const data = await this.read(found);
    const chatFiles = data.conversations.flatMap((conversation) => conversation.messages.flatMap((message) => (message.file ? [message.file.id] : [])));
    const leftFiles = data.leftMessages.flatMap((message) => message.files.map((file) => file.id));
    const bytes = await this.deps.repository.fileBytes(chatFiles, leftFiles);
    const withBytes = <F extends { id: string }>(file: F): F & Pick<ExportedFile, 'base64'> => ({ ...file, base64: bytes.get(file.id)?.toString('base64') ?? '' });
    const exported = {
      exportedAt: this.deps.clock.now().toISOString(),
      ...data,
      conversations: data.conversations.map((conversation) => ({
        ...conversation,
        messages: conversation.messages.map((message) => ({ ...message, file: message.file && withBytes(message.file) })),
      })),
      leftMessages: data.leftMessages.map((message) => ({ ...message, files: message.files.map(withBytes) })),
    };
    await this.record(admin, 'privacy.exported', found);
    return JSON.stringify(exported, null, 2);
  }

  /** Everything the key finds, gone; nothing while one of its conversations is still open. */
  async erase(admin: StaffMember, key: string): Promise<ErasureSummary> {
    const found = await this.locate(admin.desk_id, key);
    if (await this.deps.repository.anyOpen(found.conversationIds)) throw new AppError('privacy_conversation_open');
    const { repository } = this.deps;
    const emails = [
      ...(await repository.leftMessages(found.leftMessageIds)).map((message) => message.email),
      ...(await repository.bookings(found.bookingIds)).map((booking) => booking.email),
    ].filter((email) => email !== '');
    const keys = [...new Set(emails.map((email) => email.trim().toLowerCase()))];
    const summary: ErasureSummary = {
      conversations: await repository.eraseConversations(found.conversationIds),
      leftMessages: await this.deps.inbox.erase(found.leftMessageIds),
      bookings: await this.deps.bookings.erase(found.bookingIds),
      // Mail keyed as mail/outbox.ts and bookings/repository.ts key them.
      mails: await repository.eraseMailTraces(keys, keys.map(hashToken), keys.map((email) => hashToken(`email_key:${email}`))),
    };
    await this.deps.audit.record({ deskId: admin.desk_id, actor: admin, action: 'privacy.erased', detail: { key: found.key.kind, ...summary } });
    return summary;
  }

  async redact(admin: StaffMember, conversationId: string, seq: number): Promise<void> {
    if (!UUID.test(conversationId) || !Number.isSafeInteger(seq) || seq < 0) throw new AppError('not_found');
    if (!(await this.deps.repository.redact(admin.desk_id, conversationId, seq))) throw new AppError('not_found');
    await this.deps.audit.record({ deskId: admin.desk_id, actor: admin, action: 'privacy.message_redacted', target: { type: 'conversation', id: conversationId }, detail: { seq } });
  }

  private async locate(deskId: string, typed: string): Promise<Found> {
    const { repository } = this.deps;
    const value = typed.trim();
    const code = parseReadableCode(value);
    let key: Found['key'];
    let conversationIds: string[] = [];
    let leftMessageIds: string[] = [];
    let bookingIds: string[] = [];
    if (value.includes('@')) {
      key = { kind: 'email', value };
      leftMessageIds = await repository.leftMessagesBy(deskId, { email: value });
      bookingIds = await repository.bookingsByEmail(deskId, value);
    } else if (code) {
      key = { kind: 'readable_code', value: code };
      conversationIds = await repository.conversationByCaseCode(deskId, hashToken(code));
      leftMessageIds = await repository.leftMessagesBy(deskId, { reference: code });
    } else if (UUID.test(value)) {
      key = { kind: 'id', value: value.toLowerCase() };
      conversationIds = await repository.existing(deskId, 'conversations', key.value);
      bookingIds = await repository.existing(deskId, 'bookings', key.value);
    } else {
      throw new AppError('privacy_key_unrecognised');
    }
    const ofBookings = await repository.conversationsOfBookings(bookingIds);
    const ofConversations = await repository.bookingsOfConversations(conversationIds);
    return {
      key,
      conversationIds: [...new Set([...conversationIds, ...ofBookings])],
      leftMessageIds,
      bookingIds: [...new Set([...bookingIds, ...ofConversations])],
    };
  }

  private async read(found: Found): Promise<PersonData> {
    const { repository } = this.deps;
    const [conversations, messages, leftMessages, replies, leftFiles, bookings] = await Promise.all([
      repository.conversations(found.conversationIds),
      repository.messages(found.conversationIds),
      repository.leftMessages(found.leftMessageIds),
      repository.leftMessageReplies(found.leftMessageIds),
      repository.leftMessageFiles(found.leftMessageIds),
      repository.bookings(found.bookingIds),
    ]);
    const messagesOf = (id: string): FoundConversation['messages'] =>
      messages
        .filter((message) => message.conversation_id === id)
        .map((message) => ({
          seq: message.seq,
          author: message.author,
          authorName: message.author_name,
          body: message.body,
          event: message.event,
          sentAt: message.created_at,
          file: message.file_id ? { id: message.file_id, name: message.file_name ?? '', contentType: message.file_type!, size: message.file_size ?? 0 } : null,
        }));
    return {
      key: found.key,
      conversations: conversations.map((conversation) => ({
        id: conversation.id,
        status: conversation.status,
        language: conversation.language,
        topic: conversation.topic,
        visitorName: conversation.visitor_name,
        startedAt: conversation.created_at,
        closedAt: conversation.closed_at,
        bookingId: conversation.booking_id,
        messages: messagesOf(conversation.id),
      })),
      leftMessages: leftMessages.map((message) => ({
        id: message.id,
        reference: message.reference,
        email: message.email,
        language: message.language,
        topic: message.topic,
        status: message.status,
        body: message.body,
        leftAt: message.created_at,
        answer: message.answer,
        answeredAt: message.answered_at,
        replies: replies.filter((reply) => reply.left_message_id === message.id).map((reply) => ({ author: reply.author, body: reply.body, at: reply.created_at })),
        files: leftFiles.filter((file) => file.left_message_id === message.id).map((file) => ({ id: file.id, name: file.name, contentType: file.content_type, size: file.size })),
      })),
      bookings: bookings.map((booking) => ({
        id: booking.id,
        email: booking.email,
        language: booking.language,
        topic: booking.topic,
        callKind: booking.call_kind,
        status: booking.status,
        startsAt: booking.starts_at,
        endsAt: booking.ends_at,
        bookedAt: booking.created_at,
        visitorTimeZone: booking.visitor_time_zone,
      })),
    };
  }

  private async record(admin: StaffMember, action: 'privacy.searched' | 'privacy.exported', found: Found): Promise<void> {
    await this.deps.audit.record({
      deskId: admin.desk_id,
      actor: admin,
      action,
      detail: { key: found.key.kind, conversations: found.conversationIds.length, leftMessages: found.leftMessageIds.length, bookings: found.bookingIds.length },
    });
  }
}
