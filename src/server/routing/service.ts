/**
 * Routing (docs/routing.md): in automatic mode each waiting conversation is offered to one
 * consultant at a time; an offer not accepted in time goes to the next. Accepting is the ordinary
 * take, so assignment stays exactly-once. The queue is re-routed, and waiting visitors on this
 * instance told where they stand, after every change of a conversation or of someone's
 * availability (bus events, so every instance reacts) and on a periodic sweep that expires
 * offers and returns the conversations of consultants who lost their connection.
 *
 * Places come from the instance's `QueueRanking`, which reads only the conversations the bus said
 * changed, so a change costs the same however many wait; the queue is read whole at start and
 * when the bus may have missed events.
 */
import type { FastifyBaseLogger } from 'fastify';
import { routingSettingsSchema, type QueueStatus, type RoutingSettings, type RoutingSettingsPatch } from '../../shared/protocol';
import type { UiLanguage } from '../../shared/languages';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { toSummary } from '../conversations/mappers';
import type { ConversationService } from '../conversations/service';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import type { Bus } from '../events/bus';
import type { LocalVisitors } from '../module';
import type { ScheduleService } from '../schedule/service';
import type { StaffService } from '../staff/service';
import type { AvailableStaffMember } from '../staff/types';
import { SWEEP_INTERVAL_MS, type Presence, type StaffRef } from './presence';
import { QueueRanking } from './queue-ranking';
import type { RoutingRepository, StaffActivity } from './repository';
import type { RoutingOffer, WaitingConversation } from './types';
import { canServe, chooseConsultant, estimateWaitMinutes, roundEstimate, type Candidate } from './rule';

/** How many recently closed conversations the wait estimate averages. */
const HANDLING_SAMPLES = 20;

export interface SettingsActor {
  id: string;
  name: string;
  deskId: string;
}

export interface RoutingDeps {
  desk: Desk;
  repository: RoutingRepository;
  presence: Presence;
  conversations: ConversationService;
  schedule: Pick<ScheduleService, 'status'>;
  staff: Pick<StaffService, 'availableAmong'>;
  bus: Bus;
  hub: LocalVisitors;
  audit: AuditLog;
  clock: Clock;
  defaults: RoutingSettings;
  log: FastifyBaseLogger;
}

/** What the estimate needs besides a place in the queue, read once per refresh. */
interface QueueSnapshot {
  available: Candidate[];
  /** Who of `available` can serve a language and topic, worked out once per pair, not per visitor. */
  servers(conversation: WaitingConversation): Candidate[];
  languagesOnDuty: UiLanguage[];
  recentHandlingMinutes: number[];
  closesAt: number | null;
  open: boolean;
}

export class RoutingService {
  private running: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private stopTimers: (() => void) | undefined;
  /** The queue status last sent to each waiting visitor on this instance. */
  private readonly lastTold = new Map<string, string>();
  private readonly ranking = new QueueRanking();
  /** Conversations the bus said changed since the ranking last read them. */
  private readonly changed = new Set<string>();
  /** False until the queue has been read whole, and again when the bus may have missed events. */
  private rankingComplete = false;
  /** Ranking updates run one after another, so a later read of a conversation is applied later. */
  private rankingUpdate: Promise<void> = Promise.resolve();

  constructor(private readonly deps: RoutingDeps) {}

  /** Reacts to the bus and sweeps periodically until `stop`. */
  start(): void {
    const unsubscribe = this.deps.bus.subscribe((event) => {
      if (event.kind === 'resync') this.rankingComplete = false;
      if (event.kind === 'conversation' && event.deskId === this.deps.desk.id) this.changed.add(event.summary.id);
      if ((event.kind === 'conversation' || event.kind === 'staff-presence') && event.deskId === this.deps.desk.id) {
        void this.refresh();
      }
    });
    this.deps.bus.onResync(() => {
      this.rankingComplete = false;
      void this.refresh();
    });
    let sweeping = false;
    const timer = setInterval(() => {
      if (sweeping) return; // a slow database: the next tick comes soon enough
      sweeping = true;
      this.sweep()
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'routing sweep failed'))
        .finally(() => (sweeping = false));
    }, SWEEP_INTERVAL_MS);
    this.stopTimers = () => {
      unsubscribe();
      clearInterval(timer);
    };
  }

  async stop(): Promise<void> {
    this.stopTimers?.();
    await this.running;
  }

  // -- settings --------------------------------------------------------------------------------

  async settings(deskId: string): Promise<RoutingSettings> {
    const row = await this.deps.repository.findSettings(deskId);
    if (!row) return this.deps.defaults;
    return { mode: row.mode, offerTimeoutSeconds: row.offer_timeout_seconds, disconnectGraceSeconds: row.disconnect_grace_seconds };
  }

  /** Saves a change (audited as settings.changed); it applies at the next routing step on every instance. */
  async updateSettings(actor: SettingsActor, patch: RoutingSettingsPatch): Promise<RoutingSettings> {
    const before = await this.settings(actor.deskId);
    const parsed = routingSettingsSchema.safeParse({ ...before, ...withoutUndefined(patch) });
    if (!parsed.success) throw new AppError('validation_failed', 'routing settings');
    const after = parsed.data;
    await this.deps.repository.saveSettings({
      desk_id: actor.deskId,
      mode: after.mode,
      offer_timeout_seconds: after.offerTimeoutSeconds,
      disconnect_grace_seconds: after.disconnectGraceSeconds,
      updated_at: this.deps.clock.now().toISOString(),
    });
    await this.deps.audit.record({
      deskId: actor.deskId,
      actor: { id: actor.id, name: actor.name },
      action: 'settings.changed',
      target: { type: 'routing', id: actor.deskId },
      detail: { before, after },
    });
    await this.refresh();
    return after;
  }

  // -- consultants -----------------------------------------------------------------------------

  async decline(staff: StaffRef, conversationId: string): Promise<void> {
    if (await this.deps.repository.missOffer(conversationId, staff.id, this.deps.clock.now().toISOString(), false)) {
      await this.offerEnded({ conversation_id: conversationId, staff_id: staff.id, desk_id: staff.deskId });
      await this.refresh();
    }
  }

  /** The offers waiting for this consultant's answer, for a console that (re)connects. */
  async pendingOffersFor(staff: StaffRef): Promise<{ conversationId: string; expiresAt: string }[]> {
    const offers = await this.deps.repository.offersFor(staff.id);
    return offers.map((offer) => ({ conversationId: offer.conversation_id, expiresAt: offer.expires_at }));
  }

  // -- visitors --------------------------------------------------------------------------------

  /** Where a waiting conversation stands; null once it is not waiting. */
  async queueStatus(conversationId: string): Promise<QueueStatus | null> {
    return (await this.waitEstimate(conversationId))?.queue ?? null;
  }

  /** The status a visitor's socket gets with its welcome, remembered as told, so it is not sent again unchanged. */
  async statusOnWelcome(conversationId: string): Promise<QueueStatus | null> {
    const queue = await this.queueStatus(conversationId);
    if (queue) this.lastTold.set(conversationId, JSON.stringify(queue));
    return queue;
  }

  /** The status and the unrounded minutes behind it (the simulated morning compares both). */
  async waitEstimate(conversationId: string): Promise<{ queue: QueueStatus; minutes: number | null } | null> {
    // Read afresh: the caller may know of a change whose event has not come yet (another instance's).
    this.changed.add(conversationId);
    await this.updateRanking();
    // Not waiting (taken, closed): no status to give, so the desk's state is not read for it. After
    // a restart every visitor says hello at once, and most are in conversations already taken.
    if (!this.ranking.place(conversationId)) return null;
    return this.estimateIn(await this.snapshot(), conversationId);
  }

  /**
   * The desk's languages in which someone could answer now: available consultants with a live
   * connection who speak them, full or not. The start page tells a visitor whose
   * language is missing before they start, not two minutes into the queue.
   */
  async languagesOnDuty(): Promise<UiLanguage[]> {
    return onDutyIn(this.deps.desk, await this.candidates(false));
  }

  async changeLanguage(conversationId: string, language: UiLanguage): Promise<void> {
    await this.deps.conversations.changeLanguageWhileWaiting(this.deps.desk, conversationId, language);
    await this.deps.repository.forgetMisses(conversationId);
  }

  // -- the routing step ------------------------------------------------------------------------

  /**
   * Expires offers, returns the conversations of consultants gone longer than the grace period,
   * then routes. Runs every few seconds on every instance; tests call it after moving the clock.
   */
  async sweep(): Promise<void> {
    const { desk, repository, presence, conversations, clock } = this.deps;
    await presence.touch();
    const now = clock.now().toISOString();
    for (const offer of await repository.expiredOffers(desk.id, now)) {
      if (await repository.missOffer(offer.conversation_id, offer.staff_id, now, true)) await this.offerEnded(offer);
    }
    const settings = await this.settings(desk.id);
    for (const staffId of await presence.gone(desk.id, settings.disconnectGraceSeconds)) {
      for (const { id } of await repository.activeConversationIds(staffId)) {
        await conversations.returnToQueue(id, 'disconnect', { front: true, fromStaffId: staffId });
      }
      await presence.setAvailability({ id: staffId, deskId: desk.id }, 'offline');
    }
    await presence.purgeHistory();
    await this.refresh();
  }

  /**
   * Routes the queue and tells this instance's waiting visitors where they stand. Calls made while
   * one runs share the next run, so a burst of events costs two runs, not one per event. Never
   * rejects: a failure is logged, and the next event or sweep routes again.
   */
  refresh(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.running
      .then(() => {
        this.queued = null;
        return this.routeAndTell();
      })
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'routing failed'));
    this.queued = next;
    this.running = next;
    return next;
  }

  private async routeAndTell(): Promise<void> {
    await this.updateRanking();
    await this.deps.presence.touch();
    await this.route();
    await this.tellWaitingVisitors();
  }

  private async route(): Promise<void> {
    const { desk, repository, clock } = this.deps;
    for (const offer of await repository.clearSettled(desk.id)) await this.offerEnded(offer);
    const settings = await this.settings(desk.id);
    if (settings.mode === 'manual') {
      for (const offer of await repository.withdrawAll(desk.id)) await this.offerEnded(offer);
      return;
    }
    const candidates = await this.candidates(true);
    // With everyone on duty at their maximum (a surge), there is nothing to offer: the queue,
    // however long, is not read.
    if (!candidates.some(hasRoom)) return;
    const [waiting, offers, misses] = await Promise.all([repository.waiting(desk.id), repository.offers(desk.id), repository.misses(desk.id)]);
    const offered = new Set(offers.map((offer) => offer.conversation_id));
    for (const conversation of waiting) {
      if (!candidates.some(hasRoom)) break;
      if (offered.has(conversation.id)) continue;
      const missed = misses.get(conversation.id) ?? new Set<string>();
      let chosen = chooseConsultant(conversation, candidates, missed);
      if (!chosen && missed.size > 0) {
        // Everyone who could take it has let it pass once: start a new round.
        chosen = chooseConsultant(conversation, candidates);
        if (chosen) await repository.forgetMisses(conversation.id);
      }
      if (!chosen) continue;
      const now = clock.now();
      const offer: RoutingOffer = {
        conversation_id: conversation.id,
        desk_id: desk.id,
        staff_id: chosen.id,
        offered_at: now.toISOString(),
        expires_at: new Date(now.getTime() + settings.offerTimeoutSeconds * 1000).toISOString(),
      };
      if (!(await repository.reserveOffer(offer))) continue;
      chosen.load += 1;
      await this.announceOffer(offer);
    }
  }

  private async announceOffer(offer: RoutingOffer): Promise<void> {
    const conversation = await this.deps.conversations.findById(offer.conversation_id);
    await this.deps.bus.publish({
      kind: 'routing-offer',
      deskId: offer.desk_id,
      staffId: offer.staff_id,
      conversation: toSummary(conversation),
      expiresAt: offer.expires_at,
    });
  }

  private offerEnded(offer: Pick<RoutingOffer, 'conversation_id' | 'staff_id' | 'desk_id'>): Promise<void> {
    return this.deps.bus.publish({
      kind: 'routing-offer-ended',
      deskId: offer.desk_id,
      staffId: offer.staff_id,
      conversationId: offer.conversation_id,
    });
  }

  /** Available consultants with a live connection; `withOffers`: pending offers count as load. */
  private async candidates(withOffers: boolean): Promise<Candidate[]> {
    const { desk, repository, presence, staff } = this.deps;
    const available = await staff.availableAmong(desk.id, await repository.liveStaffIds(desk.id, presence.liveSince()));
    const activity = await repository.activity(desk.id, available.map((member) => member.id));
    return available.map((member) => toCandidate(member, activity.get(member.id)!, withOffers));
  }

  // -- waiting visitors ------------------------------------------------------------------------

  /**
   * Brings the ranking up to date: the conversations the bus named since, each read as it is now
   * (one query for all), or the whole queue when it has not been read or events may have been lost.
   */
  private updateRanking(): Promise<void> {
    const next = this.rankingUpdate.then(async () => {
      const { desk, repository } = this.deps;
      if (!this.rankingComplete) {
        this.changed.clear();
        this.rankingComplete = true;
        this.ranking.replaceAll(await repository.waiting(desk.id));
        return;
      }
      if (this.changed.size === 0) return;
      const ids = [...this.changed];
      this.changed.clear();
      const rows = new Map((await repository.waitingAmong(desk.id, ids)).map((row) => [row.id, row]));
      for (const id of ids) this.ranking.set(id, rows.get(id));
    });
    // A failed read leaves the ranking to be read whole next time; the caller still hears of it.
    this.rankingUpdate = next.catch(() => {
      this.rankingComplete = false;
    });
    return next;
  }

  /** Each waiting visitor on this instance hears their status when it differs from what they last heard. */
  private async tellWaitingVisitors(): Promise<void> {
    const local = new Set(this.deps.hub.localVisitorConversations());
    for (const id of this.lastTold.keys()) if (!local.has(id)) this.lastTold.delete(id);
    if (local.size === 0) return;
    const snapshot = await this.snapshot();
    for (const id of local) {
      const status = this.estimateIn(snapshot, id)?.queue;
      const told = JSON.stringify(status);
      if (!status || this.lastTold.get(id) === told) continue;
      this.lastTold.set(id, told);
      this.deps.hub.toVisitors(id, { type: 'visitor.queue', queue: status });
    }
  }

  private async snapshot(): Promise<QueueSnapshot> {
    const { desk, repository, schedule } = this.deps;
    const [available, recentHandlingMinutes, status] = await Promise.all([
      this.candidates(false),
      repository.recentHandlingMinutes(desk.id, HANDLING_SAMPLES),
      schedule.status(desk.id),
    ]);
    const serversByNeed = new Map<string, Candidate[]>();
    const servers = (conversation: WaitingConversation) => {
      const need = `${conversation.language}\n${conversation.topic}`;
      let found = serversByNeed.get(need);
      if (!found) serversByNeed.set(need, (found = available.filter((candidate) => canServe(candidate, conversation))));
      return found;
    };
    const languagesOnDuty = onDutyIn(desk, available);
    return {
      available,
      servers,
      languagesOnDuty,
      recentHandlingMinutes,
      closesAt: status.closesAt ? Date.parse(status.closesAt) : null,
      open: status.open || status.closesAt !== null,
    };
  }

  private estimateIn(snapshot: QueueSnapshot, conversationId: string): { queue: QueueStatus; minutes: number | null } | null {
    const place = this.ranking.place(conversationId);
    if (!place) return null;
    const { row: conversation, position } = place;
    const minutes = estimateWaitMinutes({ position, servers: snapshot.servers(conversation), recentHandlingMinutes: snapshot.recentHandlingMinutes });
    const now = this.deps.clock.now().getTime();
    const pastClosing = !snapshot.open || (snapshot.closesAt !== null && minutes !== null && now + minutes * 60_000 > snapshot.closesAt);
    const { languagesOnDuty } = snapshot;
    return { queue: { position, estimateMinutes: minutes === null ? null : roundEstimate(minutes), pastClosing, languagesOnDuty }, minutes };
  }
}

function onDutyIn(desk: Desk, available: readonly Candidate[]): UiLanguage[] {
  const spoken = new Set(available.flatMap((candidate) => candidate.languages));
  return desk.languages.filter((language) => spoken.has(language));
}

function hasRoom(candidate: Candidate): boolean {
  return candidate.load < candidate.maxConcurrent;
}

function toCandidate(member: AvailableStaffMember, activity: StaffActivity, withOffers: boolean): Candidate {
  const idleSince = [member.availabilityChangedAt, activity.lastAssignedAt, activity.lastClosedAt]
    .filter((time): time is string => time !== null)
    .reduce((latest, time) => (time > latest ? time : latest), '');
  return {
    id: member.id,
    languages: member.languages,
    interpreterLanguages: member.interpreterLanguages,
    topics: member.topics,
    maxConcurrent: member.maxConcurrent,
    load: activity.active + (withOffers ? activity.offers : 0),
    idleSince,
  };
}

function withoutUndefined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
