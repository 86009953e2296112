/**
 * Staff accounts and sessions. A session is a random cookie value whose SHA-256 is stored; a
 * password change deletes every session of that user.
 */
import { randomUUID } from 'node:crypto';
import type { preHandlerAsyncHookHandler } from 'fastify';
import type { UiLanguage } from '../../shared/languages';
import type { StaffUser } from '../../shared/protocol';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { Bus } from '../events/bus';
import { hashToken, newSecretToken } from '../tokens';
import { assertAcceptablePassword } from './password-policy';
import type { PasswordHasher } from './passwords';
import type { StaffMember } from '../staff/types';
import type { AuthRepository } from './repository';
import { hasRole, type StaffRole } from './roles';
import { STAFF_SESSION_COOKIE } from './session-cookie';

export const DEFAULT_MAX_CONCURRENT = 3;

export interface NewStaffUser {
  deskId: string;
  email: string;
  name: string;
  role: StaffRole;
  languages: UiLanguage[];
  password: string;
  /** Empty or absent: every topic. */
  topics?: string[];
  maxConcurrent?: number;
  interpreterLanguages?: string[];
}

/** Comma-separated list columns (languages, topics, interpreter languages) as arrays. */
export function splitList(value: string): string[] {
  return value.split(',').filter(Boolean);
}

export interface SignedIn {
  user: StaffMember;
  sessionToken: string;
  expiresAt: Date;
}

/** Wrong passwords tried at the account since its last sign-in, for its owner to hear of. */
export interface FailedSignIns {
  count: number;
  lastAt: string;
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

export function toStaffUser(row: StaffMember): StaffUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    languages: splitList(row.languages) as UiLanguage[],
    topics: splitList(row.topics),
    maxConcurrent: row.max_concurrent,
    availability: row.availability,
    interpreterLanguages: splitList(row.interpreter_languages),
  };
}

export class AuthService {
  constructor(
    private readonly repository: AuthRepository,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly sessionHours: number,
    private readonly audit: Pick<AuditLog, 'record'>,
    private readonly passwords: PasswordHasher,
  ) {}

  /** The preHandler of a staff route: lets through a signed-in, active staff member of at least this role. */
  guard(atLeast: StaffRole): preHandlerAsyncHookHandler {
    return async (request) => {
      const user = await this.userForSession(request.cookies[STAFF_SESSION_COOKIE]);
      if (!user) throw new AppError('unauthenticated');
      if (!hasRole(user.role, atLeast)) throw new AppError('forbidden');
      request.staff = user;
    };
  }

  async addUser(input: NewStaffUser): Promise<StaffMember> {
    assertAcceptablePassword(input.password);
    if (await this.repository.findCredentials(input.email)) {
      throw new AppError('validation_failed', `a user with the e-mail ${input.email} exists`);
    }
    const now = this.clock.now().toISOString();
    const member: StaffMember = {
      id: randomUUID(),
      desk_id: input.deskId,
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      languages: input.languages.join(','),
      active: 1,
      created_at: now,
      password_changed_at: now,
      topics: (input.topics ?? []).join(','),
      max_concurrent: input.maxConcurrent ?? DEFAULT_MAX_CONCURRENT,
      availability: 'offline',
      availability_changed_at: null,
      interpreter_languages: (input.interpreterLanguages ?? []).join(','),
    };
    await this.repository.insertUser({ ...member, password_hash: await this.passwords.hash(input.password) });
    return member;
  }

  /**
   * Audited either way; a failed attempt under `deskId`, as there is no user to take the desk from.
   * Failures count per account on top of the per-IP limit (LOCK_FROM_FAILURES); a locked account
   * is refused before its password is checked, and its owner hears of the failures on sign-in.
   */
  async signIn(email: string, password: string, deskId: string): Promise<SignedIn & { failedSignIns?: FailedSignIns }> {
    const accountKey = hashToken(email.toLowerCase());
    const now = this.clock.now().toISOString();
    const earlier = await this.repository.findSignInFailures(accountKey);
    if (earlier?.locked_until && earlier.locked_until > now) throw new AppError('sign_in_locked');
    const credentials = await this.repository.findCredentials(email);
    const user = credentials?.member;
    const valid = await this.passwords.verify(credentials?.passwordHash, password);
    if (!user || !valid || user.active !== 1) {
      // The address tried is personal data and may be a typo of someone else's: only its domain is kept.
      const domain = email.split('@')[1]?.toLowerCase() ?? '';
      await this.audit.record({ deskId, actor: null, action: 'staff.sign_in_failed', detail: { domain } });
      await this.countFailure(accountKey, user ? { deskId: user.desk_id, target: { type: 'staff', id: user.id } } : { deskId, detail: { domain } });
      throw new AppError('invalid_credentials');
    }
    const missed = await this.repository.takeSignInFailures(accountKey);
    const session = await this.openSession(user);
    await this.audit.record({ deskId: user.desk_id, actor: user, action: 'staff.signed_in', target: { type: 'staff', id: user.id } });
    return missed ? { ...session, failedSignIns: { count: Number(missed.failures), lastAt: missed.last_failed_at } } : session;
  }

  private async countFailure(accountKey: string, account: { deskId: string; target?: { type: string; id: string }; detail?: { domain: string } }) {
    const now = this.clock.now();
    const forgetBefore = new Date(now.getTime() - FAILURES_FORGOTTEN_AFTER_MS).toISOString();
    const failures = await this.repository.countSignInFailure(accountKey, now.toISOString(), forgetBefore);
    const seconds = signInLockSeconds(failures);
    if (seconds === 0) return;
    await this.repository.lockSignIn(accountKey, new Date(now.getTime() + seconds * 1000).toISOString());
    await this.audit.record({ ...account, actor: null, action: 'staff.sign_in_locked', detail: { ...account.detail, failures, seconds } });
  }

  async userForSession(sessionToken: string | undefined): Promise<StaffMember | undefined> {
    if (!sessionToken) return undefined;
    return this.repository.findSessionUser(hashToken(sessionToken), this.clock.now().toISOString());
  }

  async signOut(sessionToken: string): Promise<void> {
    const sessionHash = hashToken(sessionToken);
    const user = await this.repository.findSessionUser(sessionHash, this.clock.now().toISOString());
    await this.repository.deleteSession(sessionHash);
    if (user) await this.bus.publish({ kind: 'sessions-ended', userId: user.id, sessionHash });
  }

  /** Changes the password, ends all the user's sessions, and opens a new one for this browser. */
  async changePassword(user: StaffMember, currentPassword: string, newPassword: string): Promise<SignedIn> {
    const passwordHash = await this.repository.findPasswordHash(user.id);
    if (!passwordHash || !(await this.passwords.verify(passwordHash, currentPassword))) throw new AppError('invalid_credentials');
    await this.setPassword(user.id, newPassword);
    const updated = await this.repository.findUserById(user.id);
    if (!updated) throw new AppError('unauthenticated');
    const session = await this.openSession(updated);
    await this.audit.record({ deskId: user.desk_id, actor: user, action: 'staff.password_changed', target: { type: 'staff', id: user.id } });
    return session;
  }

  async setPassword(userId: string, newPassword: string): Promise<void> {
    assertAcceptablePassword(newPassword);
    await this.repository.replacePassword(userId, await this.passwords.hash(newPassword), this.clock.now().toISOString());
    await this.bus.publish({ kind: 'sessions-ended', userId, sessionHash: null });
  }

  async findUserByEmail(email: string): Promise<StaffMember | undefined> {
    return (await this.repository.findCredentials(email))?.member;
  }

  private async openSession(user: StaffMember): Promise<SignedIn> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.sessionHours * 3_600_000);
    const sessionToken = newSecretToken();
    await this.repository.deleteExpiredSessions(now.toISOString());
    await this.repository.insertSession(hashToken(sessionToken), user.id, now.toISOString(), expiresAt.toISOString());
    return { user, sessionToken, expiresAt };
  }
}
