/**
 * What can happen to a conversation: a visitor starts one, both sides write, a consultant takes
 * and closes it, the visitor ends it. Each change is stored first, then published once on the bus;
 * the hub decides who receives it.
 */
import { randomUUID } from 'node:crypto';
import type { UiLanguage } from '../../shared/languages';
import type { CallKind, MessageTranslation, StartConversationRequest } from '../../shared/protocol';
import type { AuditLog } from '../audit/audit-log';
import { hasRole } from '../auth/roles';
import type { Clock } from '../clock';
import { isTimeZone } from '../config';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import type { Bus } from '../events/bus';
import { endedFacts, startedFact, takenBack } from '../reports/facts';
import type { ReportService } from '../reports/service';
import type { ScheduleService } from '../schedule/service';
import type { StaffService } from '../staff/service';
import type { TopicService } from '../topics/service';
import { hashToken, newSecretToken } from '../tokens';
import { isFollowedBy } from './followers';
import { messageEvent, toSummary, toVisitorView } from './mappers';
import type { MessageEvent } from './events';
import type { AttachmentWrite, ConversationRecord, ConversationRepository, NewMessage } from './repository';
import type { ConversationsTable } from './tables';
import type { CloseOutcome, Conversation, ConversationMessage, SystemEvent } from './types';
import type { Actor, StaffActor } from '../actor';

export interface BookedCall {
  bookingId: string;
  callKind: CallKind;
}

/** How the desk ends a conversation by itself; each is also the system event that tells both sides. */
export type UnattendedOutcome = Extract<CloseOutcome & SystemEvent, 'visitor_inactive' | 'visitor_absent' | 'left_message_at_closing' | 'ended_at_closing'>;

export interface PostResult {
  message: ConversationMessage;
  duplicate: boolean;
}

/** A system message: `event` is rendered in each reader's language, `authorName` fills {{name}}. */
export function systemNotice(event: SystemEvent, at: Date, authorName: string | null = null): NewMessage {
  return { client_id: null, author: 'system', author_id: null, author_name: authorName, body: '', event, created_at: at.toISOString() };
}

/** Most messages in one page of a backlog. */
const PAGE_MESSAGES = 100;
/** Most characters of text in one page of a backlog (a single longer message still goes alone). */
const PAGE_CHARS = 128 * 1024;
/** A message's translations by seq, from the domain that stores them (src/server/translation). */
export type MessageTranslationLookup = (conversationId: string, afterSeq: number) => Promise<Map<number, MessageTranslation>>;

/** How long a finished conversation still opens with the visitor's token. */
export const FINISHED_TOKEN_HOURS = 24;

export class ConversationService {
  private readonly postedListeners: ((event: MessageEvent) => void)[] = [];
  private translationsAfter: MessageTranslationLookup = async () => new Map();

  constructor(
    private readonly repository: ConversationRepository,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly schedule: Pick<ScheduleService, 'status'>,
    private readonly topics: Pick<TopicService, 'assertOffered' | 'assertKnown'>,
    private readonly audit: Pick<AuditLog, 'record'>,
    private readonly staff: Pick<StaffService, 'findActive'>,
    private readonly reports: Pick<ReportService, 'recordInTransaction' | 'record'>,
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
    /** SHA-256 of the starting client's network (clientNetwork). */
    networkHash: string | null = null,
  ): Promise<{ token: string; conversation: Conversation }> {
    if (!bookedCall) await this.assertAccepting(desk, request);
    const now = this.clock.now();
    if (!desk.languages.includes(request.language)) throw new AppError('validation_failed', 'language');
    // A call booked under a topic that has since been switched off still takes place.
    if (bookedCall) await this.topics.assertKnown(desk.id, request.topic);
    else await this.topics.assertOffered(desk.id, request.topic);

    const token = newSecretToken();
    const id = randomUUID();
    const row: Omit<ConversationsTable, 'last_seq' | 'staff_read_seq'> = {
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
      network_hash: networkHash,
      spoken_language: request.spokenLanguage && request.spokenLanguage !== request.language ? request.spokenLanguage : null,
    };
    await this.repository.create(row, systemNotice('conversation_started', now), (trx) => this.reports.recordInTransaction(trx, startedFact(row)));
    const conversation = await this.mustFind(id);
    await this.publishChange(conversation);
    return { token, conversation };
  }

  /** A start refused because the desk is closed is counted (with why: closing, last entry, pause…), then refused. */
  private async assertAccepting(desk: Desk, request: StartConversationRequest): Promise<void> {
    const status = await this.schedule.status(desk.id);
    if (status.open) return;
    await this.reports.record({ deskId: desk.id, measure: 'start_refused', at: this.clock.now(), outcome: status.reason, language: request.language, topic: request.topic });
    throw new AppError('service_closed');
  }

  /**
   * A new key to an open conversation, for a visitor who takes it to another device (a case code,
   * src/server/handoff) or comes back through their booking's private link. The old key stops
   * working: a device still connected with it, on any instance, is told the conversation moved.
   */
  async reissueVisitorToken(conversationId: string): Promise<{ token: string; conversation: Conversation }> {
    const token = newSecretToken();
    const tokenHash = hashToken(token);
    if (!(await this.repository.replaceVisitorTokenIfOpen(conversationId, tokenHash, this.clock.now().toISOString()))) throw new AppError('conversation_closed');
    const conversation = await this.mustFind(conversationId);
    await this.bus.publish({ kind: 'visitor-moved', deskId: conversation.desk_id, conversationId, keptTokenHash: tokenHash });
    return { token, conversation };
  }

  /**
   * The visitor's conversation. A finished one opens for FINISHED_TOKEN_HOURS after it ended (the
   * transcript, the rating, a reload), then no more: a device's stored token does not read it for
   * the rest of its retention (finding 9).
   */
  async findByToken(token: string): Promise<Conversation> {
    return (await this.repository.withParticipants([await this.findRecordByToken(token)]))[0]!;
  }

  /**
   * As `findByToken`, without the participants: for a hello, which reads the conversation whole
   * once its socket has joined (after a restart every visitor says hello at once).
   */
  async findRecordByToken(token: string): Promise<ConversationRecord> {
    const tokenHash = hashToken(token);
    const conversation = await this.repository.findByTokenHash(tokenHash);
    // A key the conversation answered to before it moved on (another device) is told so.
    if (!conversation) throw new AppError((await this.repository.isMovedToken(tokenHash)) ? 'conversation_moved' : 'conversation_not_found');
    const closedAt = conversation.closed_at === null ? undefined : Date.parse(conversation.closed_at);
    if (closedAt !== undefined && this.clock.now().getTime() - closedAt >= FINISHED_TOKEN_HOURS * 3_600_000) throw new AppError('conversation_not_found');
    return conversation;
  }

  /** The visitor erases a finished conversation's token: it is replaced by the hash of one nobody holds. */
  async forgetVisitorToken(token: string): Promise<void> {
    const conversation = await this.findByToken(token);
    if (!(await this.repository.replaceVisitorTokenIfClosed(conversation.id, hashToken(newSecretToken())))) {
      throw new AppError('validation_failed', 'the conversation has not ended');
    }
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

  /**
   * A conversation whose details (notes, the visitor's context, files) the staff member may read:
   * one they work on (assignee or participant), a waiting one they could take (their language and
   * topic), or any as a supervisor or admin. Least privilege: not every conversation of the desk.
   */
  async findReadableForStaff(actor: StaffActor, conversationId: string): Promise<Conversation> {
    const conversation = await this.findForStaff(actor, conversationId);
    if (isFollowedBy(conversation, actor.id)) return conversation;
    const member = await this.staff.findActive(actor.deskId, actor.id);
    if (!member) throw new AppError('unauthenticated');
    if (hasRole(member.role, 'supervisor')) return conversation;
    const couldTake =
      conversation.status === 'waiting' &&
      member.languages.includes(conversation.language) &&
      (member.topics.length === 0 || member.topics.includes(conversation.topic));
    if (!couldTake) throw new AppError('not_assigned');
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
    return withTranslations(messages, translations);
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

  /**
   * One page of the log after `afterSeq`: at most PAGE_MESSAGES messages and (past the first)
   * PAGE_CHARS characters of text, so no frame carrying it grows with the backlog.
   */
  async messagePage(conversationId: string, afterSeq: number): Promise<{ messages: ConversationMessage[]; more: boolean }> {
    const [rows, translations] = await Promise.all([
      this.repository.messagesAfter(conversationId, afterSeq, PAGE_MESSAGES),
      this.translationsAfter(conversationId, afterSeq),
    ]);
    let chars = 0;
    const fitting = rows.findIndex((row, index) => (chars += row.body.length) > PAGE_CHARS && index > 0);
    const messages = fitting < 0 ? rows : rows.slice(0, fitting);
    // A page carries the stored translations too, so a reconnect translates nothing again.
    return { messages: withTranslations(messages, translations), more: rows.length === PAGE_MESSAGES || messages.length < rows.length };
  }

  /** The message a client id was stored under, if any (an upload retried after a lost answer). */
  findMessage(conversationId: string, clientId: string): Promise<ConversationMessage | undefined> {
    return this.repository.findMessageByClientId(conversationId, clientId);
  }

  /**
   * Stores a message from the visitor or the assigned consultant, with the file it carries if any
   * (src/server/files). A resent message (same client id) is answered with the stored one.
   * `origin`: the socket it came from, which the caller answers itself (the event skips it).
   */
  async post(
    desk: Desk,
    conversationId: string,
    actor: Actor,
    clientId: string,
    body: string,
    { file, origin }: { file?: AttachmentWrite; origin?: string } = {},
  ): Promise<PostResult> {
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
    if (result.kind === 'duplicate') return { message: await this.announceAgain(conversationId, actor, result.message), duplicate: true };
    const event = { ...messageEvent({ id: conversationId, desk_id: desk.id, ...result.followed }, result.message), origin };
    await this.bus.publish(event);
    for (const listener of this.postedListeners) listener(event);
    return { message: result.message, duplicate: false };
  }

  /**
   * A resent message that is stored already (client id known), answered from the database alone:
   * no append, so it costs one read even when the database is under pressure. Undefined if the
   * client id is not stored yet.
   */
  async findResent(conversationId: string, actor: Actor, clientId: string): Promise<ConversationMessage | undefined> {
    const stored = await this.repository.findMessageByClientId(conversationId, clientId);
    return stored && this.announceAgain(conversationId, actor, stored);
  }

  /**
   * Announced again: the instance that stored it may have died before announcing it, and the
   * sender resends exactly what it has no ack for. A socket that carried the seq already does not
   * send it again (realtime/peer.ts), and clients drop a seq they hold.
   */
  private async announceAgain(conversationId: string, actor: Actor, stored: ConversationMessage): Promise<ConversationMessage> {
    const sameAuthor = stored.author === actor.kind && stored.author_id === (actor.kind === 'staff' ? actor.id : null);
    if (!sameAuthor) throw new AppError('invalid_frame', 'client id already used');
    await this.publishMessage(await this.mustFind(conversationId), stored);
    return stored;
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

  /**
   * The desk ends a conversation by itself (src/server/inactivity, src/server/closing): an active
   * one whose visitor did not answer "are you still there?", a waiting one whose visitor has gone
   * or that was still waiting at closing (`detail`: the system message's body). Only from
   * `from`: false (nothing changed) if it is no longer in that state, so of several instances
   * exactly one ends it.
   */
  async endUnattended(conversationId: string, from: 'active' | 'waiting', outcome: UnattendedOutcome, detail = ''): Promise<boolean> {
    const conversation = await this.mustFind(conversationId);
    const now = this.clock.now();
    const closing = await this.repository.closeIfOpen(conversationId, { outcome, topic: conversation.topic, at: now, from }, { ...systemNotice(outcome, now), body: detail }, (trx, closed) =>
      this.reports.recordInTransaction(trx, endedFacts(closed)),
    );
    if (!closing) return false;
    await this.announce(conversationId, closing);
    return true;
  }

  /**
   * A visitor whose conversation left the queue while they were away takes a place at its back.
   * Its end (given up) is taken back from the reports with it: it counts once, as it finally ends.
   */
  async rejoinQueue(desk: Desk, conversationId: string): Promise<Conversation> {
    if (!(await this.schedule.status(desk.id)).open) throw new AppError('service_closed');
    const now = this.clock.now();
    const notice = await this.repository.reopenIfClosedAs(conversationId, 'visitor_absent', now, systemNotice('rejoined_queue', now), (trx, closed) =>
      this.reports.recordInTransaction(trx, takenBack(endedFacts(closed))),
    );
    if (!notice) throw new AppError('conversation_closed');
    return this.announce(conversationId, notice);
  }

  private async closeWith(
    conversation: Conversation,
    change: { outcome: CloseOutcome; topic: string },
    event: SystemEvent,
  ): Promise<Conversation> {
    const now = this.clock.now();
    const notice = await this.repository.closeIfOpen(conversation.id, { ...change, at: now }, systemNotice(event, now), (trx, closed) =>
      this.reports.recordInTransaction(trx, endedFacts(closed)),
    );
    if (!notice) throw new AppError('conversation_closed');
    return this.announce(conversation.id, notice);
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

/** Messages with the translation stored for each, where there is one. */
function withTranslations(messages: ConversationMessage[], translations: Map<number, MessageTranslation>): ConversationMessage[] {
  return messages.map((message) => {
    const translation = translations.get(message.seq);
    return translation ? { ...message, translation } : message;
  });
}
