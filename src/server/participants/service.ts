/**
 * Staff beside a conversation's assignee, and conversations changing hands: a supervisor or an
 * interpreter joins (the visitor is told, and sees their name on their messages), a consultant
 * transfers to a colleague with a note only that colleague sees, a supervisor reassigns or takes
 * over. Each change is stored with its system message first, then announced and audited.
 */
import type { Colleague, ParticipantRole, SupervisorOverview, TransferNote } from '../../shared/protocol';
import type { UiLanguage } from '../../shared/languages';
import type { AuditLog } from '../audit/audit-log';
import { hasRole, type StaffRole } from '../auth/roles';
import type { Clock } from '../clock';
import { isFollowedBy } from '../conversations/followers';
import { toSummary } from '../conversations/mappers';
import { systemNotice, type ConversationService } from '../conversations/service';
import type { Conversation, SystemEvent } from '../conversations/types';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import type { Bus } from '../events/bus';
import type { StaffService } from '../staff/service';
import type { TopicService } from '../topics/service';
import type { ParticipantRepository } from './repository';
import type { StaffActor } from '../actor';

type Conversations = Pick<ConversationService, 'findForStaff' | 'listOpen' | 'announce' | 'returnToQueue'>;

/** The queue a conversation goes back to: its own, or another language's or topic's. */
export interface QueueTarget {
  language?: UiLanguage;
  topic?: string;
}

const JOINED_EVENT: Record<ParticipantRole, SystemEvent> = {
  supervisor: 'supervisor_joined',
  interpreter: 'interpreter_joined',
};

export class ParticipantService {
  constructor(
    private readonly repository: ParticipantRepository,
    private readonly conversations: Conversations,
    private readonly topics: Pick<TopicService, 'assertOffered'>,
    private readonly audit: AuditLog,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly staff: Pick<StaffService, 'findActive' | 'colleagues'>,
  ) {}

  /**
   * Adds `actor` to an active conversation beside its assignee. Joining as a supervisor takes the
   * supervisor role; an interpreter is whoever the caller (src/server/calls) brings in.
   */
  async join(actor: StaffActor, conversationId: string, role: ParticipantRole): Promise<Conversation> {
    if (role === 'supervisor') await this.requireRole(actor, 'supervisor');
    const conversation = await this.activeConversation(actor, conversationId);
    if (isFollowedBy(conversation, actor.id)) throw new AppError('already_in_conversation');
    const now = this.clock.now();
    const notice = await this.repository.join(conversationId, actor.id, role, now, systemNotice(JOINED_EVENT[role], now, actor.name));
    if (!notice) throw await this.whyNot(actor, conversationId, 'already_in_conversation');
    await this.audit.record({ deskId: actor.deskId, actor, action: 'conversation.joined', target: conversationTarget(conversationId), detail: { role } });
    return this.conversations.announce(conversationId, notice);
  }

  /**
   * A join the staff member asks for themselves (the console): as an interpreter only if their
   * account lists languages they interpret, so nobody slips into a conversation unannounced by role.
   */
  async joinOnRequest(actor: StaffActor, conversationId: string, role: ParticipantRole): Promise<Conversation> {
    if (role === 'interpreter') {
      const member = await this.staff.findActive(actor.deskId, actor.id);
      if (!member || member.interpreterLanguages.length === 0) throw new AppError('forbidden');
    }
    return this.join(actor, conversationId, role);
  }

  async leave(actor: StaffActor, conversationId: string): Promise<Conversation> {
    await this.conversations.findForStaff(actor, conversationId);
    const notice = await this.repository.leave(conversationId, actor.id, systemNotice('participant_left', this.clock.now(), actor.name));
    if (!notice) throw await this.whyNot(actor, conversationId, 'not_participant');
    await this.audit.record({ deskId: actor.deskId, actor, action: 'conversation.left', target: conversationTarget(conversationId) });
    return this.conversations.announce(conversationId, notice);
  }

  /** The assignee hands the conversation to a colleague, with a note only that colleague sees. */
  async transferToColleague(actor: StaffActor, conversationId: string, to: string, note: string): Promise<Conversation> {
    const conversation = await this.activeConversation(actor, conversationId);
    if (conversation.assignee_id !== actor.id) throw new AppError('not_assigned');
    const colleague = await this.colleague(actor.deskId, to);
    if (colleague.id === actor.id) throw new AppError('already_in_conversation');
    const transferred = await this.handOver(actor, conversation, colleague, note);
    await this.audit.record({
      deskId: actor.deskId,
      actor,
      action: 'conversation.transferred',
      target: conversationTarget(conversationId),
      detail: { to: colleague.id, withNote: note.length > 0 },
    });
    return transferred;
  }

  /**
   * The assignee gives the conversation back to the queue, another language's or topic's if
   * given; it keeps its place at the front and routing offers it again (src/server/routing).
   */
  async transferToQueue(desk: Desk, actor: StaffActor, conversationId: string, target: QueueTarget): Promise<Conversation> {
    const conversation = await this.activeConversation(actor, conversationId);
    if (conversation.assignee_id !== actor.id) throw new AppError('not_assigned');
    if (target.language && !desk.languages.includes(target.language)) throw new AppError('validation_failed', 'language');
    if (target.topic) await this.topics.assertOffered(desk.id, target.topic);
    const options = { front: true, fromStaffId: actor.id, ...target };
    if (!(await this.conversations.returnToQueue(conversationId, 'transfer', options))) {
      throw await this.whyNot(actor, conversationId, 'not_assigned');
    }
    await this.audit.record({
      deskId: actor.deskId,
      actor,
      action: 'conversation.transferred',
      target: conversationTarget(conversationId),
      detail: { to: 'queue', ...target },
    });
    return this.conversations.findForStaff(actor, conversationId);
  }

  /** A supervisor moves a live conversation from its assignee to another consultant. */
  async reassign(actor: StaffActor, conversationId: string, to: string): Promise<Conversation> {
    await this.requireRole(actor, 'supervisor');
    const conversation = await this.activeConversation(actor, conversationId);
    const colleague = await this.colleague(actor.deskId, to);
    if (conversation.assignee_id === colleague.id) throw new AppError('already_in_conversation');
    const reassigned = await this.handOver(actor, conversation, colleague, null);
    await this.audit.record({
      deskId: actor.deskId,
      actor,
      action: 'conversation.reassigned',
      target: conversationTarget(conversationId),
      detail: { from: conversation.assignee_id, to: colleague.id },
    });
    return reassigned;
  }

  /** A supervisor becomes the assignee of a live conversation. */
  async takeOver(actor: StaffActor, conversationId: string): Promise<Conversation> {
    await this.requireRole(actor, 'supervisor');
    const conversation = await this.activeConversation(actor, conversationId);
    if (conversation.assignee_id === actor.id) return conversation;
    const taken = await this.handOver(actor, conversation, actor, null);
    await this.audit.record({
      deskId: actor.deskId,
      actor,
      action: 'conversation.taken_over',
      target: conversationTarget(conversationId),
      detail: { from: conversation.assignee_id },
    });
    return taken;
  }

  /** Notes on the conversations handed to this staff member that they still hold. */
  async transferNotesFor(actor: StaffActor): Promise<TransferNote[]> {
    return this.repository.transferNotesFor(actor.id);
  }

  /** Active colleagues with their availability and load, to pick whom to transfer to. */
  async colleagues(actor: StaffActor): Promise<Colleague[]> {
    return this.staff.colleagues(actor.deskId);
  }

  /** Every open conversation and every active staff member's availability and load. */
  async overview(actor: StaffActor): Promise<SupervisorOverview> {
    await this.requireRole(actor, 'supervisor');
    const [conversations, staff] = await Promise.all([
      this.conversations.listOpen(actor.deskId),
      this.staff.colleagues(actor.deskId),
    ]);
    return { conversations: conversations.map(toSummary), staff };
  }

  private async handOver(
    actor: StaffActor,
    conversation: Conversation,
    to: { id: string; name: string },
    note: string | null,
  ): Promise<Conversation> {
    const now = this.clock.now();
    const from = conversation.assignee_id;
    if (!from) throw new AppError('not_assigned');
    const notice = await this.repository.handOver({
      conversationId: conversation.id,
      from,
      to: to.id,
      at: now,
      notice: systemNotice('conversation_transferred', now, to.name),
      note,
    });
    if (!notice) throw await this.whyNot(actor, conversation.id, 'already_taken');
    const moved = await this.conversations.announce(conversation.id, notice);
    if (note) {
      await this.bus.publish({
        kind: 'transfer-note',
        deskId: actor.deskId,
        recipientId: to.id,
        note: { conversationId: conversation.id, from: { id: actor.id, name: actor.name }, note, at: now.toISOString() },
      });
    }
    return moved;
  }

  private async activeConversation(actor: StaffActor, conversationId: string): Promise<Conversation> {
    const conversation = await this.conversations.findForStaff(actor, conversationId);
    if (conversation.status === 'closed') throw new AppError('conversation_closed');
    if (conversation.status !== 'active') throw new AppError('not_assigned');
    return conversation;
  }

  /** Why a conditional change found nothing to change: closed meanwhile, or `otherwise`. */
  private async whyNot(actor: StaffActor, conversationId: string, otherwise: AppError['code']): Promise<AppError> {
    const conversation = await this.conversations.findForStaff(actor, conversationId);
    return new AppError(conversation.status === 'closed' ? 'conversation_closed' : otherwise);
  }

  private async colleague(deskId: string, staffId: string): Promise<{ id: string; name: string }> {
    const colleague = await this.staff.findActive(deskId, staffId);
    if (!colleague) throw new AppError('staff_not_found');
    return colleague;
  }

  /** The role is read from the database, so a demotion applies at once. */
  private async requireRole(actor: StaffActor, atLeast: StaffRole): Promise<void> {
    const member = await this.staff.findActive(actor.deskId, actor.id);
    if (!member || !hasRole(member.role, atLeast)) throw new AppError('forbidden');
  }
}

function conversationTarget(conversationId: string) {
  return { type: 'conversation', id: conversationId };
}
