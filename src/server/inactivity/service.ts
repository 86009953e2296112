/**
 * Idle and abandoned conversations: an active conversation whose visitor has not written for a while
 * since it was taken (the consultant's messages do not count) asks its visitor "are you still
 * there?" and, unanswered, ends as `visitor_inactive` (freeing the consultant); a waiting conversation
 * whose visitor has had no connection for a while leaves the queue as `visitor_absent` (the
 * visitor, back, may take a place at its back or start again).
 * Every instance sweeps; each change is one conditional write, so it happens once.
 */
import type { FastifyBaseLogger } from 'fastify';
import { inactivitySettingsSchema, type InactivitySettings, type InactivitySettingsPatch, type ServerFrame, type VisitorPresence } from '../../shared/protocol';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { ConversationRepository } from '../conversations/repository';
import { systemNotice, type ConversationService } from '../conversations/service';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import type { Bus } from '../events/bus';
import { repeatEvery } from '../periodic';
import type { LocalVisitors } from '../module';
import type { InactivityRepository } from './repository';
import { idleStep, visitorGone } from './rule';

/** Until an admin sets them: ask after 10 quiet minutes, end 5 minutes later; a waiting visitor gone 10 minutes leaves the queue. */
export const DEFAULT_INACTIVITY_SETTINGS: InactivitySettings = { warningSeconds: 600, endSeconds: 300, absentSeconds: 600 };
/** How often each instance marks its visitors as there and sweeps: seconds, against thresholds of minutes. */
export const INACTIVITY_SWEEP_MS = 5_000;
/** A visitor shown as there whose sockets no instance has vouched for in this long had theirs on an instance that died. */
export const PRESENCE_STALE_MS = 3 * INACTIVITY_SWEEP_MS;

export interface InactivityDeps {
  desk: Desk;
  repository: InactivityRepository;
  conversations: Pick<ConversationService, 'endUnattended' | 'announce' | 'rejoinQueue'>;
  conversationLog: Pick<ConversationRepository, 'appendToLog'>;
  hub: LocalVisitors;
  bus: Bus;
  audit: Pick<AuditLog, 'record'>;
  clock: Clock;
  log: FastifyBaseLogger;
}

export class InactivityService {
  constructor(private readonly deps: InactivityDeps) {}

  async settings(deskId: string): Promise<InactivitySettings> {
    const row = await this.deps.repository.findSettings(deskId);
    if (!row) return DEFAULT_INACTIVITY_SETTINGS;
    return { warningSeconds: row.warning_seconds, endSeconds: row.end_seconds, absentSeconds: row.absent_seconds };
  }

  /** Saves a change (audited as inactivity.changed); the next sweep on every instance applies it. */
  async updateSettings(actor: { id: string; name: string; deskId: string }, patch: InactivitySettingsPatch): Promise<InactivitySettings> {
    const before = await this.settings(actor.deskId);
    const parsed = inactivitySettingsSchema.safeParse({ ...before, ...patch });
    if (!parsed.success) throw new AppError('validation_failed', 'inactivity settings');
    const after = parsed.data;
    await this.deps.repository.saveSettings({
      desk_id: actor.deskId,
      warning_seconds: after.warningSeconds,
      end_seconds: after.endSeconds,
      absent_seconds: after.absentSeconds,
      updated_at: this.now(),
    });
    await this.deps.audit.record({
      deskId: actor.deskId,
      actor: { id: actor.id, name: actor.name },
      action: 'inactivity.changed',
      target: { type: 'inactivity', id: actor.deskId },
      detail: { before, after },
    });
    return after;
  }

  /** A visitor socket said hello on this instance: their visitor is there now (the page tells if it is hidden). */
  async seen(conversationId: string): Promise<void> {
    await this.deps.repository.markSeen([conversationId], this.now());
    await this.changePresence(conversationId, 'present');
  }

  /** The visitor's page was shown or hidden. */
  visibility(conversationId: string, visible: boolean): Promise<void> {
    return this.changePresence(conversationId, visible ? 'present' : 'away');
  }

  /** A visitor socket of this instance closed: gone, unless another of theirs is open here (another instance's vouches at its sweep). */
  async socketClosed(conversationId: string): Promise<void> {
    if (!this.deps.hub.hasLocalVisitor(conversationId)) await this.changePresence(conversationId, 'gone');
  }

  /** What the console shows first for the conversations it lists; then changes come live. */
  async presenceFrames(conversationIds: readonly string[]): Promise<ServerFrame[]> {
    const rows = await this.deps.repository.presenceOf(conversationIds);
    return rows.map((row) => ({ type: 'visitor.presence', conversationId: row.conversation_id, presence: row.presence ?? 'gone' }));
  }

  private async changePresence(conversationId: string, presence: VisitorPresence): Promise<void> {
    if (await this.deps.repository.changePresence(conversationId, presence, this.now())) await this.announcePresence(conversationId, presence);
  }

  private announcePresence(conversationId: string, presence: VisitorPresence): Promise<void> {
    return this.deps.bus.publish({ kind: 'visitor-presence', deskId: this.deps.desk.id, conversationId, presence });
  }

  async rejoin(conversationId: string): Promise<void> {
    await this.deps.conversations.rejoinQueue(this.deps.desk, conversationId);
    await this.seen(conversationId);
  }

  /** Marks this instance's visitors as there, then asks, ends and lets go what is due. Tests call it after moving the clock. */
  async sweep(): Promise<void> {
    const { desk, repository, hub } = this.deps;
    const local = hub.localVisitorConversations();
    await repository.markSeen(local, this.now());
    await this.refreshPresence(local);
    const settings = await this.settings(desk.id);
    const now = this.deps.clock.now();
    for (const row of await repository.activeWithoutCall(desk.id)) {
      const lastActivityAt = latest(row.assigned_at, row.last_said_at);
      if (!lastActivityAt) continue;
      const step = idleStep({ lastActivityAt, warnedIdleSince: row.warned_idle_since, warnedAt: row.warned_at }, now, settings);
      if (step === 'warn') await this.askIfStillThere(row.id, lastActivityAt);
      if (step === 'end') await this.deps.conversations.endUnattended(row.id, 'active', 'visitor_inactive');
    }
    for (const row of await repository.waiting(desk.id)) {
      const queuedAt = latest(row.created_at, row.waiting_since)!;
      if (visitorGone({ queuedAt, seenAt: row.seen_at }, now, settings)) await this.deps.conversations.endUnattended(row.id, 'waiting', 'visitor_absent');
    }
  }

  /**
   * Closing a socket here marks its visitor gone even when another instance holds a socket of
   * theirs: that instance puts them back. A visitor no live instance vouches for goes.
   */
  private async refreshPresence(local: readonly string[]): Promise<void> {
    const { repository, clock } = this.deps;
    for (const row of await repository.presenceOf(local)) {
      if (row.presence === 'gone' || row.presence === null) await this.changePresence(row.conversation_id, 'present');
    }
    const staleBefore = new Date(clock.now().getTime() - PRESENCE_STALE_MS).toISOString();
    for (const conversationId of await repository.expirePresence(this.deps.desk.id, staleBefore)) await this.announcePresence(conversationId, 'gone');
  }

  private async askIfStillThere(conversationId: string, idleSince: string): Promise<void> {
    const now = this.deps.clock.now();
    const notice = await this.deps.repository.transaction(async (trx) => {
      if (!(await this.deps.repository.claimWarning(trx, conversationId, idleSince, now.toISOString()))) return null;
      return this.deps.conversationLog.appendToLog(trx, conversationId, systemNotice('visitor_idle_warning', now), { status: 'active' });
    });
    if (notice) await this.deps.conversations.announce(conversationId, notice);
  }

  /** Sweeps every few seconds until the returned stop. */
  start(): () => Promise<void> {
    return repeatEvery(INACTIVITY_SWEEP_MS, () => this.sweep(), (error) => this.deps.log.error({ err: error }, 'inactivity sweep failed'));
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

function latest(...times: (string | null)[]): string | null {
  return times.reduce<string | null>((max, time) => (time !== null && (max === null || time > max) ? time : max), null);
}
