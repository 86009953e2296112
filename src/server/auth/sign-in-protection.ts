/**
 * Per-account protection of every sign-in step (password, then second factor): failures count in
 * the database, shared by every instance; from LOCK_FROM_FAILURES on each failure locks the account
 * for longer; a locked account is refused before anything is checked; its owner hears of the
 * failures on their next full sign-in.
 */
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { hashToken } from '../tokens';
import type { AuthRepository } from './repository';

/** Wrong passwords or codes tried at the account since its last sign-in, for its owner to hear of. */
export interface FailedSignIns {
  count: number;
  lastAt: string;
}

/** Whose failure it was, as the audit log records it. */
export interface FailedAccount {
  deskId: string;
  target?: { type: string; id: string };
  detail?: Record<string, unknown>;
}

/** From this many failures on, each failure locks the account: 30 s, then twice as long each time, up to an hour. */
export const LOCK_FROM_FAILURES = 5;
const FIRST_LOCK_SECONDS = 30;
const LONGEST_LOCK_SECONDS = 3600;
/** A day without failures starts the count again. */
const FAILURES_FORGOTTEN_AFTER_MS = 24 * 3_600_000;

export function signInLockSeconds(failures: number): number {
  if (failures < LOCK_FROM_FAILURES) return 0;
  return Math.min(FIRST_LOCK_SECONDS * 2 ** (failures - LOCK_FROM_FAILURES), LONGEST_LOCK_SECONDS);
}

/** Keyed by the SHA-256 of the e-mail tried, known or not, so a lock says nothing about who has an account. */
export function accountKeyOf(email: string): string {
  return hashToken(email.toLowerCase());
}

export class SignInProtection {
  constructor(
    private readonly repository: AuthRepository,
    private readonly clock: Clock,
    private readonly audit: Pick<AuditLog, 'record'>,
  ) {}

  async assertNotLocked(accountKey: string): Promise<void> {
    const earlier = await this.repository.findSignInFailures(accountKey);
    if (earlier?.locked_until && earlier.locked_until > this.clock.now().toISOString()) throw new AppError('sign_in_locked');
  }

  async countFailure(accountKey: string, account: FailedAccount): Promise<void> {
    const now = this.clock.now();
    const forgetBefore = new Date(now.getTime() - FAILURES_FORGOTTEN_AFTER_MS).toISOString();
    const failures = await this.repository.countSignInFailure(accountKey, now.toISOString(), forgetBefore);
    const seconds = signInLockSeconds(failures);
    if (seconds === 0) return;
    await this.repository.lockSignIn(accountKey, new Date(now.getTime() + seconds * 1000).toISOString());
    await this.audit.record({ ...account, actor: null, action: 'staff.sign_in_locked', detail: { ...account.detail, failures, seconds } });
  }

  /** Forgets the account's failures after a full sign-in; returns what they were. */
  async takeFailures(accountKey: string): Promise<FailedSignIns | undefined> {
    const missed = await this.repository.takeSignInFailures(accountKey);
    return missed && { count: Number(missed.failures), lastAt: missed.last_failed_at };
  }
}
