/**
 * Retention: personal data past RETENTION_DAYS is deleted — conversations closed (with their
 * messages and files), left messages closed or answered, bookings whose slot ended that long ago —
 * and mails the outbox gave up on, a few days after. Every instance runs the job; deletes are
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
/** Once an hour is plenty for a period counted in days. */
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
const FIRST_RUN_DELAY_MS = 60 * 1000;

export interface RetentionSummary {
  conversations: number;
  leftMessages: number;
  bookings: number;
  mails: number;
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

export class RetentionJob {
  constructor(
    private readonly repository: RetentionRepository,
    private readonly clock: Clock,
    /** 0 keeps everything, given-up mails too. */
    private readonly retentionDays: number,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Deletes everything past its period now; returns how many rows of each kind went. */
  async runOnce(): Promise<RetentionSummary> {
    const deleted: RetentionSummary = { conversations: 0, leftMessages: 0, bookings: 0, mails: 0 };
    if (this.retentionDays === 0) return deleted;
    const cutoff = this.daysAgo(this.retentionDays);
    const repository = this.repository;
    deleted.conversations = await inBatches((limit) => repository.deleteClosedBefore(cutoff, limit));
    deleted.leftMessages = await inBatches((limit) => repository.deleteLeftMessagesDoneBefore(cutoff, limit));
    deleted.bookings = await inBatches((limit) => repository.deleteBookingsEndedBefore(cutoff, limit));
    await repository.deleteSlotCountersBefore(cutoff);
    const mailCutoff = this.daysAgo(GIVEN_UP_MAIL_DAYS);
    deleted.mails = await inBatches((limit) => repository.deleteMailGivenUpBefore(mailCutoff, limit));
    if (Object.values(deleted).some((count) => count > 0)) {
      this.log.info({ ...deleted, retentionDays: this.retentionDays }, 'retention: old personal data deleted');
    }
    return deleted;
  }

  private daysAgo(days: number): string {
    return new Date(this.clock.now().getTime() - days * DAY_MS).toISOString();
  }

  /**
   * Runs a minute after start-up (which stays fast), then every `intervalMs`, so instances that
   * restart often still get to it; returns stop.
   */
  start(intervalMs = RETENTION_INTERVAL_MS): () => void {
    if (this.retentionDays === 0) return () => {};
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
