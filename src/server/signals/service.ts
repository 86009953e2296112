/**
 * The small live signals around a conversation: typing indicators (relayed on the bus, never
 * stored) and read receipts (the read mark is stored, so a visitor who reconnects still sees it).
 */
import type { Clock } from '../clock';
import { followerIds, isFollowedBy } from '../conversations/followers';
import type { ConversationRepository } from '../conversations/repository';
import type { ConversationService } from '../conversations/service';
import { AppError } from '../errors';
import type { Bus } from '../events/bus';
import type { Actor, StaffActor } from '../actor';

/** "Typing" is relayed at most this often per conversation and socket; browsers send it less. */
export const TYPING_RELAY_INTERVAL_MS = 2_000;

export class SignalService {
  constructor(
    private readonly readMarks: Pick<ConversationRepository, 'advanceStaffReadMark'>,
    private readonly conversations: Pick<ConversationService, 'findById' | 'findForStaff'>,
    private readonly bus: Bus,
    private readonly clock: Clock,
  ) {}

  /** One per socket: remembers what it relayed, so a client that floods "typing" is thinned out. */
  typingRelay(): TypingRelay {
    return new TypingRelay(this, this.clock);
  }

  /** Tells the other side that `actor` is typing in the conversation (or stopped). */
  async typing(actor: Actor, conversationId: string, active: boolean): Promise<void> {
    if (actor.kind === 'staff') {
      const conversation = await this.conversations.findForStaff(actor, conversationId);
      if (!isFollowedBy(conversation, actor.id)) throw new AppError('not_assigned');
      if (conversation.status !== 'active') return;
      await this.bus.publish({ kind: 'typing', deskId: actor.deskId, conversationId, author: 'staff', staffIds: [], active });
      return;
    }
    const conversation = await this.conversations.findById(conversationId);
    if (conversation.status !== 'active') return;
    await this.bus.publish({
      kind: 'typing',
      deskId: conversation.desk_id,
      conversationId,
      author: 'visitor',
      staffIds: followerIds(conversation),
      active,
    });
  }

  /** The assignee has read up to `seq`; the visitor is told once per step forward. */
  async markRead(actor: StaffActor, conversationId: string, seq: number): Promise<void> {
    if (!(await this.readMarks.advanceStaffReadMark(conversationId, actor.deskId, actor.id, seq))) return;
    await this.bus.publish({ kind: 'read', conversationId, seq });
  }
}

export class TypingRelay {
  private readonly lastActive = new Map<string, number>();

  constructor(
    private readonly signals: Pick<SignalService, 'typing'>,
    private readonly clock: Clock,
  ) {}

  /** "Typing" within the interval of the last one is dropped; "stopped" goes out if "typing" did. */
  async relay(actor: Actor, conversationId: string, active: boolean): Promise<void> {
    const now = this.clock.now().getTime();
    const last = this.lastActive.get(conversationId);
    if (active && last !== undefined && now - last < TYPING_RELAY_INTERVAL_MS) return;
    if (!active && last === undefined) return;
    if (active) this.lastActive.set(conversationId, now);
    else this.lastActive.delete(conversationId);
    await this.signals.typing(actor, conversationId, active);
  }
}
