/**
 * Nobody left waiting in silence at closing: a few minutes before the desk closes (or whenever
 * nobody on duty can take them) waiting visitors are told and offered to turn their conversation
 * into a left message or to book a call; those still waiting when the desk has closed end as
 * `ended_at_closing` with the next opening time. Every instance sweeps; the offer is claimed once
 * per conversation and each end is one conditional write.
 */
import type { FastifyBaseLogger } from 'fastify';
import { CLOSING_NOTICE_MINUTES, type LeaveInsteadRequest, type LeaveMessageResponse, type ScheduleStatus } from '../../shared/protocol';
import { isUiLanguage } from '../../shared/languages';
import type { Clock } from '../clock';
import type { ConversationRepository } from '../conversations/repository';
import { systemNotice, type ConversationService } from '../conversations/service';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import type { InboxService } from '../inbox/service';
import { repeatEvery } from '../periodic';
import type { RoutingService } from '../routing/service';
import type { ScheduleService } from '../schedule/service';
import type { ClosingRepository } from './repository';

/** Seconds, against a notice of minutes. */
const CLOSING_SWEEP_MS = 5_000;
/**
 * With nobody on duty, the offer waits this long after the visitor joined the queue or, later, after
 * someone was last seen who could take them: a consultant may be signing in, or reloading the console.
 */
export const NOBODY_ON_DUTY_GRACE_MS = 2 * 60_000;

export interface ClosingDeps {
  desk: Desk;
  repository: ClosingRepository;
  conversations: Pick<ConversationService, 'endUnattended' | 'announce' | 'findByToken'>;
  conversationLog: Pick<ConversationRepository, 'appendToLog'>;
  schedule: Pick<ScheduleService, 'status'>;
  routing: Pick<RoutingService, 'queueStatus'>;
  inbox: Pick<InboxService, 'leave'>;
  clock: Clock;
  log: FastifyBaseLogger;
}

/** Closed until its next opening, as opposed to in its last minutes or paused by the office (when visitors may still be served). */
export function closedForTheDay(status: ScheduleStatus): boolean {
  return !status.open && status.closesAt === null && status.reason !== 'paused';
}

export function closingSoon(status: ScheduleStatus, now: Date): boolean {
  return status.closesAt !== null && Date.parse(status.closesAt) - now.getTime() <= CLOSING_NOTICE_MINUTES * 60_000;
}

export class ClosingService {
  /**
   * When this instance last saw someone on duty who could take each waiting conversation (looked
   * at every sweep once its grace from joining the queue is over). Another instance keeps its
   * own; the offer is claimed once, whichever makes it.
   */
  private readonly lastServable = new Map<string, number>();

  constructor(private readonly deps: ClosingDeps) {}

  /** Offers, and ends at closing, what is due. Tests call it after moving the clock. */
  async sweep(): Promise<void> {
    const { desk, repository, schedule, conversations, routing } = this.deps;
    const waiting = await repository.waiting(desk.id);
    const stillWaiting = new Set(waiting.map(({ id }) => id));
    for (const id of this.lastServable.keys()) if (!stillWaiting.has(id)) this.lastServable.delete(id);
    if (waiting.length === 0) return;
    const status = await schedule.status(desk.id);
    if (closedForTheDay(status)) {
      for (const { id } of waiting) await conversations.endUnattended(id, 'waiting', 'ended_at_closing', status.nextOpening ?? '');
      return;
    }
    if (status.reason === 'paused') return;
    const soon = closingSoon(status, this.deps.clock.now());
    const now = this.deps.clock.now().getTime();
    for (const { id, offered, queuedAt } of waiting) {
      if (offered) continue;
      if (soon) await this.offer(id, 'desk_closing', status.closesAt!);
      else if (now - Date.parse(queuedAt) >= NOBODY_ON_DUTY_GRACE_MS) {
        if ((await routing.queueStatus(id))?.estimateMinutes !== null) this.lastServable.set(id, now);
        else if (now - (this.lastServable.get(id) ?? 0) >= NOBODY_ON_DUTY_GRACE_MS) await this.offer(id, 'nobody_on_duty', '');
      }
    }
  }

  private async offer(conversationId: string, event: 'desk_closing' | 'nobody_on_duty', detail: string): Promise<void> {
    const now = this.deps.clock.now();
    const notice = await this.deps.repository.transaction(async (trx) => {
      if (!(await this.deps.repository.claimOffer(trx, conversationId, now.toISOString()))) return null;
      return this.deps.conversationLog.appendToLog(trx, conversationId, { ...systemNotice(event, now), body: detail }, { status: 'waiting' });
    });
    if (notice) await this.deps.conversations.announce(conversationId, notice);
  }

  /**
   * The waiting visitor turns their conversation into a left message (its language and topic, the
   * text they confirmed, an address if they gave one); the conversation ends as
   * `left_message_at_closing`. Refused once a consultant has taken it or it has ended.
   */
  async leaveInstead(token: string, request: LeaveInsteadRequest): Promise<LeaveMessageResponse> {
    const { desk, conversations, inbox } = this.deps;
    const conversation = await conversations.findByToken(token);
    if (conversation.status !== 'waiting') throw new AppError(conversation.status === 'closed' ? 'conversation_closed' : 'already_taken');
    const language = isUiLanguage(conversation.language) ? conversation.language : desk.defaultLanguage;
    const receipt = await inbox.leave(desk, { language, topic: conversation.topic, body: request.body, email: request.email ?? null });
    await conversations.endUnattended(conversation.id, 'waiting', 'left_message_at_closing');
    return receipt;
  }

  start(): () => Promise<void> {
    return repeatEvery(CLOSING_SWEEP_MS, () => this.sweep(), (error) => this.deps.log.error({ err: error }, 'closing sweep failed'));
  }
}
