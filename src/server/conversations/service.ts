/**
 * What can happen to a conversation: a visitor starts one, both sides write, a consultant takes
 * and closes it, the visitor ends it. Each change is stored first, then published once on the bus;
 * the hub decides who receives it.
 */
import { randomUUID } from 'node:crypto';
import type { UiLanguage } from '../../shared/languages';
import type { CallKind, MessageTranslation, StartConversationRequest } from '../../shared/protocol';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { isTimeZone } from '../config';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import type { Bus } from '../events/bus';
import type { ScheduleService } from '../schedule/service';
import type { TopicService } from '../topics/service';
import { hashToken, newSecretToken } from '../tokens';
import { messageEvent, toSummary, toVisitorView } from './mappers';
import type { MessageEvent } from './events';
import type { AttachmentWrite, ConversationRepository, NewMessage } from './repository';
import type { CloseOutcome, Conversation, ConversationMessage, SystemEvent } from './types';
import type { Actor, StaffActor } from '../actor';

export interface BookedCall {
  bookingId: string;
  callKind: CallKind;
}

export interface PostResult {
  message: ConversationMessage;
  duplicate: boolean;
}

/** A system message: `event` is rendered in each reader's language, `authorName` fills {{name}}. */
export function systemNotice(event: SystemEvent, at: Date, authorName: string | null = null): NewMessage {
  return { client_id: null, author: 'system', author_id: null, author_name: authorName, body: '', event, created_at: at.toISOString() };
}

/** A message's translations by seq, from the domain that stores them (src/server/translation). */
export type MessageTranslationLookup = (conversationId: string, afterSeq: number) => Promise<Map<number, MessageTranslation>>;

export class ConversationService {
  private readonly postedListeners: ((event: MessageEvent) => void)[] = [];
  private translationsAfter: MessageTranslationLookup = async () => new Map();

  constructor(
    private readonly repository: ConversationRepository,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly schedule: Pick<ScheduleService, 'assertAcceptingConversations'>,
    private readonly topics: Pick<TopicService, 'assertOffered' | 'assertKnown'>,
    private readonly audit: Pick<AuditLog, 'record'>,
  ) {}

  /**
   * `bookedCall`: the conversation opens a booked call. Its booking service has already checked
   * the time (a booked slot may run into the last minutes before closing), so the schedule is not
   * asked again.
   */
  async start(
    desk: Desk,
    request: StartConversationRequest,
    bookedCall?: BookedCall,
  ): Promise<{ token: string; conversation: Conversation }> {
    if (!bookedCall) await this.schedule.assertAcceptingConversations(desk.id);
    const now = this.clock.now();
    if (!desk.languages.includes(request.language)) throw new AppError('validation_failed', 'language');
    // A call booked under a topic that has since been switched off still takes place.
    if (bookedCall) await this.topics.assertKnown(desk.id, request.topic);
    else await this.topics.assertOffered(desk.id, request.topic);

    const token = newSecretToken();
    const id = randomUUID();
    await this.repository.create(
      {
        id,
        desk_id: desk.id,
        visitor_token_hash: hashToken(token),
        language: request.language,
        topic: request.topic,
        visitor_name: request.visitorName?.trim() || null,
        status: 'waiting',
        assignee_id: null,
        created_at: now.toISOString(),
        waiting_since: now.toISOString(),
        assigned_at: null,
        first_reply_at: null,
        closed_at: null,
        outcome: null,
        booking_id: bookedCall?.bookingId ?? null,
        call_kind: bookedCall?.callKind ?? null,
        ...visitorDeviceColumns(request),
        spoken_language: request.spokenLanguage && request.spokenLanguage !== request.language ? request.spokenLanguage : null,
      },
      systemNotice('conversation_started', now),
    );
    const conversation = await this.mustFind(id);
    await this.publishChange(conversation);
    return { token, conversation };
  }

  /**
   * A new key to an open conversation, for a visitor who comes back to it through their booking's
   * private link (on another device, or after losing the first key); the old key stops working.
   */
  async reissueVisitorToken(conversationId: string): Promise<{ token: string; conversation: Conversation }> {
    const token = newSecretToken();
    if (!(await this.repository.replaceVisitorTokenIfOpen(conversationId, hashToken(token)))) throw new AppError('conversation_closed');
    return { token, conversation: await this.mustFind(conversationId) };
  }

  async findByToken(token: string): Promise<Conversation> {
    const conversation = await this.repository.findByTokenHash(hashToken(token));
    if (!conversation) throw new AppError('conversation_not_found');
    return conversation;
  }

  findById(id: string): Promise<Conversation> {
    return this.mustFind(id);
  }

  /** Loads a conversation a staff member may work on (same desk). */
  async findForStaff(actor: StaffActor, conversationId: string): Promise<Conversation> {
    const conversation = await this.repository.findById(conversationId);
    if (!conversation || conversation.desk_id !== actor.deskId) throw new AppError('conversation_not_found');
    return conversation;
  }

  listForStaff(actor: StaffActor): Promise<Conversation[]> {
    return this.repository.listForStaff(actor.deskId, actor.id);
  }

  /** Every waiting and active conversation of the desk (the supervisor's view). */
  listOpen(deskId: string): Promise<Conversation[]> {
    return this.repository.listOpen(deskId);
  }

  /** The log after `afterSeq`, each message with its stored translation, so a reconnect or a transcript never translates again. */
  async messagesAfter(conversationId: string, afterSeq: number): Promise<ConversationMessage[]> {
    const [messages, translations] = await Promise.all([
      this.repository.messagesAfter(conversationId, afterSeq),
      this.translationsAfter(conversationId, afterSeq),
    ]);
    return messages.map((message) => {
      const translation = translations.get(message.seq);
      return translation ? { ...message, translation } : message;
    });
  }

  useMessageTranslations(lookup: MessageTranslationLookup): void {
    this.translationsAfter = lookup;
  }

  /**
   * Called on the instance that stored a new message, after it was published (never for a resent
   * one): what follows a message (its translation) happens outside the append's transaction.
   */
  onMessagePosted(listener: (event: MessageEvent) => void): void {
    this.postedListeners.push(listener);
  }

  /** The message a client id was stored under, if any (an upload retried after a lost answer). */
  findMessage(conversationId: string, clientId: string): Promise<ConversationMessage | undefined> {
    return this.repository.findMessageByClientId(conversationId, clientId);
  }

  /**
   * Stores a message from the visitor or the assigned consultant, with the file it carries if any
   * (src/server/files). A resent message (same client id) is answered with the stored one.
   */
  async post(desk: Desk, conversationId: string, actor: Actor, clientId: string, body: string, file?: AttachmentWrite): Promise<PostResult> {
    if (!file && body.trim().length === 0) throw new AppError('empty_message');
    if (body.length > desk.maxMessageLength) throw new AppError('message_too_long');
    const now = this.clock.now();
    const staffId = actor.kind === 'staff' ? actor.id : undefined;
    const result = await this.repository.appendMessage(
      conversationId,
      {
        client_id: clientId,
        author: actor.kind,
        author_id: staffId ?? null,
        author_name: actor.kind === 'staff' ? actor.name : null,
        body,
        event: null,
        created_at: now.toISOString(),
      },
      staffId,
      file,
    );
    if (result.kind === 'rejected') throw await this.whyRejected(conversationId, actor);
    if (result.kind === 'duplicate') {
      const sameAuthor = result.message.author === actor.kind && result.message.author_id === (staffId ?? null);
      if (!sameAuthor) throw new AppError('invalid_frame', 'client id already used');
      // Announced again: the instance that stored it may have died before announcing it, and
      // the sender resends exactly what it has no ack for. Clients drop a seq they already have.
      const conversation = await this.mustFind(conversationId);
      await this.publishMessage(conversation, result.message);
      return { message: result.message, duplicate: true };
    }
    const event = messageEvent({ id: conversationId, desk_id: desk.id, ...result.followed }, result.message);
    await this.bus.publish(event);
    for (const listener of this.postedListeners) listener(event);
    return { message: result.message, duplicate: false };
  }

  private async whyRejected(conversationId: string, actor: Actor): Promise<AppError> {
    const conversation = await this.repository.findById(conversationId);
    if (!conversation) return new AppError('conversation_not_found');
    if (conversation.status === 'closed') return new AppError('conversation_closed');
    return new AppError(actor.kind === 'staff' ? 'not_assigned' : 'conversation_closed');
  }

  async take(actor: StaffActor, conversationId: string): Promise<Conversation> {
    const before = await this.findForStaff(actor, conversationId);
    if (before.status === 'closed') throw new AppError('conversation_closed');
    // A second tab of the same consultant taking it again is not a lost race.
    if (before.status === 'active' && before.assignee_id === actor.id) return before;
    const notice = await this.repository.assignIfWaiting(
      conversationId,
      actor.id,
      this.clock.now(),
      systemNotice('consultant_joined', this.clock.now(), actor.name),
    );
    if (!notice) throw new AppError('already_taken');
    const taken = await this.mustFind(conversationId);
    await this.publishMessage(taken, notice);
    await this.publishChange(taken);
    await this.audit.record({ deskId: taken.desk_id, actor, action: 'conversation.taken', target: { type: 'conversation', id: taken.id } });
    return taken;
  }

  /**
   * Unassigns an active conversation: it waits in the queue again (at the front: in its first
   * place) and routing offers it anew; the visitor is told why. With `fromStaffId`, only if it is
   * still theirs; with `language` or `topic`, it waits in that queue (a transfer). False if it was
   * not active (taken back, closed) — nothing changed then.
   */
  async returnToQueue(
    conversationId: string,
    reason: 'transfer' | 'disconnect',
    options: { front: boolean; fromStaffId?: string; language?: UiLanguage; topic?: string },
  ): Promise<boolean> {
    const now = this.clock.now();
    const event: SystemEvent = reason === 'disconnect' ? 'consultant_disconnected' : 'returned_to_queue';
    const notice = await this.repository.unassignIfActive(conversationId, { ...options, at: now }, systemNotice(event, now));
    if (!notice) return false;
    const waiting = await this.mustFind(conversationId);
    await this.publishMessage(waiting, notice);
    await this.publishChange(waiting);
    return true;
  }

  /** A waiting visitor continues in another of the desk's languages (one a consultant on duty speaks). */
  async changeLanguageWhileWaiting(desk: Desk, conversationId: string, language: UiLanguage): Promise<Conversation> {
    if (!desk.languages.includes(language)) throw new AppError('validation_failed', 'language');
    if (!(await this.repository.changeLanguageIfWaiting(conversationId, language))) {
      const conversation = await this.mustFind(conversationId);
      throw new AppError(conversation.status === 'closed' ? 'conversation_closed' : 'already_taken');
    }
    const changed = await this.mustFind(conversationId);
    await this.publishChange(changed);
    return changed;
  }

  async close(desk: Desk, actor: StaffActor, conversationId: string, topic: string, outcome: CloseOutcome): Promise<Conversation> {
    const conversation = await this.findForStaff(actor, conversationId);
    if (conversation.assignee_id !== actor.id) throw new AppError('not_assigned');
    await this.topics.assertKnown(desk.id, topic);
    const closed = await this.closeWith(conversation, { outcome, topic }, 'conversation_closed');
    await this.audit.record({ deskId: desk.id, actor, action: 'conversation.closed', target: { type: 'conversation', id: closed.id }, detail: { outcome, topic } });
    return closed;
  }

  /** The visitor leaves: the conversation closes with the outcome "visitor left". */
  async endByVisitor(conversationId: string): Promise<Conversation> {
    const conversation = await this.mustFind(conversationId);
    return this.closeWith(conversation, { outcome: 'visitor_left', topic: conversation.topic }, 'visitor_left');
  }

  private async closeWith(
    conversation: Conversation,
    change: { outcome: CloseOutcome; topic: string },
    event: SystemEvent,
  ): Promise<Conversation> {
    const now = this.clock.now();
    const notice = await this.repository.closeIfOpen(conversation.id, { ...change, at: now }, systemNotice(event, now));
    if (!notice) throw new AppError('conversation_closed');
    const closed = await this.mustFind(conversation.id);
    await this.publishMessage(closed, notice);
    await this.publishChange(closed);
    return closed;
  }

  private async mustFind(id: string): Promise<Conversation> {
    const conversation = await this.repository.findById(id);
    if (!conversation) throw new AppError('conversation_not_found');
    return conversation;
  }

  /**
   * Publishes a change another module stored with its system message (src/server/participants):
   * the message to the conversation's people as they are now, the new state to everyone.
   */
  async announce(conversationId: string, notice: ConversationMessage): Promise<Conversation> {
    const conversation = await this.mustFind(conversationId);
    await this.publishMessage(conversation, notice);
    await this.publishChange(conversation);
    return conversation;
  }

  private publishMessage(conversation: Conversation, message: ConversationMessage): Promise<void> {
    return this.bus.publish(messageEvent(conversation, message));
  }

  private publishChange(conversation: Conversation): Promise<void> {
    return this.bus.publish({
      kind: 'conversation',
      deskId: conversation.desk_id,
      summary: toSummary(conversation),
      visitorView: toVisitorView(conversation),
    });
  }
}

/** The columns a new conversation stores about the visitor's browser, from the start request. */
function visitorDeviceColumns(request: { visitorTimeZone?: string; deviceId?: string }): {
  visitor_time_zone: string | null;
  device_hash: string | null;
} {
  const zone = request.visitorTimeZone;
  return {
    visitor_time_zone: zone && isTimeZone(zone) ? zone : null,
    device_hash: request.deviceId ? hashToken(request.deviceId) : null,
  };
}
