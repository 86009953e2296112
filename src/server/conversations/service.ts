/**
 * What can happen to a conversation: a visitor starts one, both sides write, a consultant takes
 * and closes it, the visitor ends it. Each change is stored first, then published once on the bus;
 * the hub decides who receives it.
 */
import { randomUUID } from 'node:crypto';
import type { StartConversationRequest } from '../../shared/protocol';
import type { Clock } from '../clock';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import type { Bus } from '../realtime/bus';
import type { ScheduleService } from '../schedule/service';
import { hashToken, newSecretToken } from '../tokens';
import { toMessage, toSummary, toVisitorView } from './mappers';
import type { ConversationRepository, ConversationRow, MessageRow, NewMessage } from './repository';
import type { CloseOutcome, SystemEvent } from './types';

export interface StaffActor {
  kind: 'staff';
  id: string;
  name: string;
  deskId: string;
}

export interface VisitorActor {
  kind: 'visitor';
  conversationId: string;
}

export type Actor = StaffActor | VisitorActor;

export interface PostResult {
  message: MessageRow;
  duplicate: boolean;
}

function systemNotice(event: SystemEvent, at: Date, authorName: string | null = null): NewMessage {
  return { client_id: null, author: 'system', author_id: null, author_name: authorName, body: '', event, created_at: at.toISOString() };
}

export class ConversationService {
  constructor(
    private readonly repository: ConversationRepository,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly schedule: Pick<ScheduleService, 'assertAcceptingConversations'>,
  ) {}

  async start(desk: Desk, request: StartConversationRequest): Promise<{ token: string; conversation: ConversationRow }> {
    await this.schedule.assertAcceptingConversations(desk.id);
    const now = this.clock.now();
    if (!desk.languages.includes(request.language)) throw new AppError('validation_failed', 'language');
    if (!desk.topics.includes(request.topic)) throw new AppError('validation_failed', 'topic');

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
      },
      systemNotice('conversation_started', now),
    );
    const conversation = await this.mustFind(id);
    await this.publishChange(conversation);
    return { token, conversation };
  }

  async findByToken(token: string): Promise<ConversationRow> {
    const conversation = await this.repository.findByTokenHash(hashToken(token));
    if (!conversation) throw new AppError('conversation_not_found');
    return conversation;
  }

  findById(id: string): Promise<ConversationRow> {
    return this.mustFind(id);
  }

  /** Loads a conversation a staff member may work on (same desk). */
  async findForStaff(actor: StaffActor, conversationId: string): Promise<ConversationRow> {
    const conversation = await this.repository.findById(conversationId);
    if (!conversation || conversation.desk_id !== actor.deskId) throw new AppError('conversation_not_found');
    return conversation;
  }

  listForStaff(actor: StaffActor): Promise<ConversationRow[]> {
    return this.repository.listForStaff(actor.deskId, actor.id);
  }

  messagesAfter(conversationId: string, afterSeq: number): Promise<MessageRow[]> {
    return this.repository.messagesAfter(conversationId, afterSeq);
  }

  /**
   * Stores a message from the visitor or the assigned consultant. A resent message (same client
   * id) is answered with the stored one and is not published again.
   */
  async post(desk: Desk, conversationId: string, actor: Actor, clientId: string, body: string): Promise<PostResult> {
    if (body.trim().length === 0) throw new AppError('empty_message');
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
    await this.bus.publish({
      kind: 'message',
      deskId: desk.id,
      conversationId,
      assigneeId: result.assigneeId,
      message: toMessage(result.message),
    });
    return { message: result.message, duplicate: false };
  }

  private async whyRejected(conversationId: string, actor: Actor): Promise<AppError> {
    const conversation = await this.repository.findById(conversationId);
    if (!conversation) return new AppError('conversation_not_found');
    if (conversation.status === 'closed') return new AppError('conversation_closed');
    return new AppError(actor.kind === 'staff' ? 'not_assigned' : 'conversation_closed');
  }

  async take(actor: StaffActor, conversationId: string): Promise<ConversationRow> {
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
    return taken;
  }

  async close(desk: Desk, actor: StaffActor, conversationId: string, topic: string, outcome: CloseOutcome): Promise<ConversationRow> {
    const conversation = await this.findForStaff(actor, conversationId);
    if (conversation.assignee_id !== actor.id) throw new AppError('not_assigned');
    if (!desk.topics.includes(topic)) throw new AppError('validation_failed', 'topic');
    return this.closeWith(conversation, { outcome, topic }, 'conversation_closed');
  }

  /** The visitor leaves: the conversation closes with the outcome "visitor left". */
  async endByVisitor(conversationId: string): Promise<ConversationRow> {
    const conversation = await this.mustFind(conversationId);
    return this.closeWith(conversation, { outcome: 'visitor_left', topic: conversation.topic }, 'visitor_left');
  }

  private async closeWith(
    conversation: ConversationRow,
    change: { outcome: CloseOutcome; topic: string },
    event: SystemEvent,
  ): Promise<ConversationRow> {
    const now = this.clock.now();
    const notice = await this.repository.closeIfOpen(conversation.id, { ...change, at: now }, systemNotice(event, now));
    if (!notice) throw new AppError('conversation_closed');
    const closed = await this.mustFind(conversation.id);
    await this.publishMessage(closed, notice);
    await this.publishChange(closed);
    return closed;
  }

  private async mustFind(id: string): Promise<ConversationRow> {
    const conversation = await this.repository.findById(id);
    if (!conversation) throw new AppError('conversation_not_found');
    return conversation;
  }

  private publishMessage(conversation: ConversationRow, message: MessageRow): Promise<void> {
    return this.bus.publish({
      kind: 'message',
      deskId: conversation.desk_id,
      conversationId: conversation.id,
      assigneeId: conversation.assignee_id,
      message: toMessage(message),
    });
  }

  private publishChange(conversation: ConversationRow): Promise<void> {
    return this.bus.publish({
      kind: 'conversation',
      deskId: conversation.desk_id,
      summary: toSummary(conversation),
      visitorView: toVisitorView(conversation),
    });
  }
}
