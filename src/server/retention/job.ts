/**
 * Retention: personal data past RETENTION_DAYS is deleted — conversations closed that long ago, or
 * never closed and quiet that long (with their messages and files), left messages closed, answered
 * or left unanswered that long ago (with their files), bookings whose slot ended that long ago,
 * satisfaction comments, any mail stored that long ago — and, on their own clocks, mails the outbox
 * gave up on, the audit log (AUDIT_RETENTION_DAYS), sign-in failure counts, ended visitor blocks and
 * the abuse counters.
 * docs/security.md lists every table with its rule. Every instance runs the job; deletes are
 * idempotent, so two instances at once only share the work.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock';
import type { RetentionRepository } from './repository';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows deleted per statement: short transactions that never hold the database for long. */
const BATCH_SIZE = 200;
/**
 * A given-up mail (an address and a body) is kept this long for the operator who sees the
 * "e-mail not sent" warnings to look at its `last_error`; nobody resends one by hand, so after that
 * it only holds personal data. Independent of RETENTION_DAYS, which is counted in months.
 */
export const GIVEN_UP_MAIL_DAYS = 7;
/**
 * A sign-in failure count (SHA-256 of the address tried) stops counting after a day but is kept
 * this long, so the account's owner still learns of the attempts at a sign-in after a holiday.
 */
export const SIGN_IN_FAILURE_DAYS = 30;
/** The booking holders' lock rows and the per-address mail counts only matter within a day. */
const COUNTER_DAYS = 2;
/** An ended block is kept a week for supervisors reviewing a complaint about it, then only the audit log says it was. */
export const ENDED_BLOCK_DAYS = 7;
/** Once an hour is plenty for a period counted in days. */
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
const FIRST_RUN_DELAY_MS = 60 * 1000;

export interface RetentionSummary {
  conversations: number;
  leftMessages: number;
  bookings: number;
  mails: number;
  comments: number;
  auditEntries: number;
  signInFailures: number;
  blocks: number;
}

export interface RetentionPeriods {
  /** RETENTION_DAYS: the visitors' data; 0 keeps it, given-up mails too. */
  days: number;
  /** AUDIT_RETENTION_DAYS; 0 keeps the audit log. */
  auditDays: number;
}

/** Repeats a batched delete until a batch comes back short; returns the rows deleted in all. */
async function inBatches(deleteBatch: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch(BATCH_SIZE);
    total += deleted;
    if (deleted < BATCH_SIZE) return total;
  }
}

/** The instant `days` days before `now` (ISO): what ended before it is past its period. */
export function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

export class RetentionJob {
  constructor(
    private readonly repository: RetentionRepository,
    private readonly clock: Clock,
    private readonly periods: RetentionPeriods,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Deletes everything past its period now; returns how many rows of each kind went. */
  async runOnce(): Promise<RetentionSummary> {
    const deleted: RetentionSummary = { conversations: 0, leftMessages: 0, bookings: 0, mails: 0, comments: 0, auditEntries: 0, signInFailures: 0, blocks: 0 };
    const repository = this.repository;
    if (this.periods.days > 0) {
      const cutoff = this.daysAgo(this.periods.days);
      deleted.conversations = await inBatches((limit) => repository.deleteClosedBefore(cutoff, limit));
      deleted.conversations += await inBatches((limit) => repository.deleteAbandonedBefore(cutoff, limit));
      deleted.leftMessages = await inBatches((limit) => repository.deleteLeftMessagesDoneBefore(cutoff, limit));
      deleted.bookings = await inBatches((limit) => repository.deleteBookingsEndedBefore(cutoff, limit));
      await repository.deleteSlotCountersBefore(cutoff);
      deleted.comments = await inBatches((limit) => repository.deleteCommentsBefore(cutoff, limit));
      deleted.mails = await inBatches((limit) => repository.deleteMailBefore(this.daysAgo(GIVEN_UP_MAIL_DAYS), cutoff, limit));
    }
    if (this.periods.auditDays > 0) {
      const auditCutoff = this.daysAgo(this.periods.auditDays);
      deleted.auditEntries = await inBatches((limit) => repository.deleteAuditBefore(auditCutoff, limit));
    }
    // Not personal data kept for its own sake but for security: they go whatever RETENTION_DAYS says.
    deleted.signInFailures = await repository.deleteSignInFailuresBefore(this.daysAgo(SIGN_IN_FAILURE_DAYS), this.clock.now().toISOString());
    deleted.blocks = await repository.deleteBlocksEndedBefore(this.daysAgo(ENDED_BLOCK_DAYS));
    await repository.deleteAbuseCountersBefore(this.daysAgo(COUNTER_DAYS).slice(0, 10), this.daysAgo(COUNTER_DAYS));
    if (Object.values(deleted).some((count) => count > 0)) {
      this.log.info({ ...deleted, retentionDays: this.periods.days, auditRetentionDays: this.periods.auditDays }, 'retention: old personal data deleted');
    }
    return deleted;
  }

  private daysAgo(days: number): string {
    return daysBefore(this.clock.now(), days);
  }

  /**
   * Runs a minute after start-up (which stays fast), then every `intervalMs`, so instances that
   * restart often still get to it; returns stop.
   */
  start(intervalMs = RETENTION_INTERVAL_MS): () => void {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const schedule = (delay: number) => {
      if (stopped) return;
      timer = setTimeout(() => {
        this.runOnce()
          .catch((error: unknown) => this.log.error({ err: error }, 'retention run failed'))
          .finally(() => schedule(intervalMs));
      }, delay);
      timer.unref();
    };
    schedule(Math.min(FIRST_RUN_DELAY_MS, intervalMs));
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }
}
