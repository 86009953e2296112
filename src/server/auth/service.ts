/**
 * Staff accounts and sessions. A session is a random cookie value whose SHA-256 is stored; a
 * password change deletes every session of that user. A session opened by the right password is
 * only a step (`verify` or `enrol`) when the account has or needs a second factor (two-factor.ts);
 * the guard lets through only sessions that are `done`.
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
import { accountKeyOf, type FailedSignIns, type SignInProtection } from './sign-in-protection';
import type { SessionStage } from './tables';
import type { TwoFactorService } from './two-factor';

export const DEFAULT_MAX_CONCURRENT = 3;
const SECOND_FACTOR_STEP_HOURS = 0.25;

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
  stage: SessionStage;
  /** Wrong passwords or codes tried at the account since its last full sign-in, told once it is done. */
  failedSignIns?: FailedSignIns;
}

/** A session the cookie names, whatever its stage. */
export interface StaffSession {
  user: StaffMember;
  stage: SessionStage;
}

/** Who may call a route: at least a role with a finished sign-in, or any session still signing in. */
export type GuardLevel = StaffRole | 'signing-in';

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
    private readonly protection: SignInProtection,
    private readonly twoFactor: Pick<TwoFactorService, 'stageAfterPassword'>,
  ) {}

  /**
   * The preHandler of a staff route: lets through a signed-in, active staff member of at least this
   * role, or (`signing-in`) any session, which the handler then reads with `request.staffStage`.
   */
  guard(level: GuardLevel): preHandlerAsyncHookHandler {
    return async (request) => {
      const session = await this.sessionFor(request.cookies[STAFF_SESSION_COOKIE]);
      if (!session) throw new AppError('unauthenticated');
      if (level !== 'signing-in') {
        if (session.stage === 'verify') throw new AppError('second_factor_required');
        if (session.stage === 'enrol') throw new AppError('two_factor_enrolment_required');
        if (!hasRole(session.user.role, level)) throw new AppError('forbidden');
      }
      request.staff = session.user;
      request.staffStage = session.stage;
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
   * Failures count per account on top of the per-IP limit (sign-in-protection.ts); a locked account
   * is refused before its password is checked. The right password opens a full session, or only
   * the step to a second factor, whose failures count on the same account.
   */
  async signIn(email: string, password: string, deskId: string): Promise<SignedIn> {
    const accountKey = accountKeyOf(email);
    await this.protection.assertNotLocked(accountKey);
    const credentials = await this.repository.findCredentials(email);
    const user = credentials?.member;
    const valid = await this.passwords.verify(credentials?.passwordHash, password);
    if (!user || !valid || user.active !== 1) {
      // The address tried is personal data and may be a typo of someone else's: only its domain is kept.
      const domain = email.split('@')[1]?.toLowerCase() ?? '';
      await this.audit.record({ deskId, actor: null, action: 'staff.sign_in_failed', detail: { domain } });
      await this.protection.countFailure(accountKey, user ? { deskId: user.desk_id, target: { type: 'staff', id: user.id } } : { deskId, detail: { domain } });
      throw new AppError('invalid_credentials');
    }
    const stage = await this.twoFactor.stageAfterPassword(user);
    if (stage === 'verify') return this.openSession(user, 'verify');
    return this.signedIn(user, stage, {});
  }

  /**
   * The second factor was given (`verify`) or enrolled (`enrol`): the step's session is replaced by
   * a full one under a new token, so a cookie seen before the second factor never becomes a sign-in.
   * An enrolment ends every other session of the user too: those were opened without the factor.
   */
  async finishSecondFactor(session: StaffSession, sessionToken: string, method: string): Promise<SignedIn> {
    if (session.stage === 'enrol') {
      await this.repository.deleteSessionsOf(session.user.id);
      await this.bus.publish({ kind: 'sessions-ended', userId: session.user.id, sessionHash: null });
    } else {
      await this.repository.deleteSession(hashToken(sessionToken));
    }
    return this.signedIn(session.user, 'done', { secondFactor: method });
  }

  private async signedIn(user: StaffMember, stage: SessionStage, detail: Record<string, unknown>): Promise<SignedIn> {
    const failedSignIns = await this.protection.takeFailures(accountKeyOf(user.email));
    const session = await this.openSession(user, stage);
    await this.audit.record({ deskId: user.desk_id, actor: user, action: 'staff.signed_in', target: { type: 'staff', id: user.id }, ...(Object.keys(detail).length > 0 && { detail }) });
    return failedSignIns ? { ...session, failedSignIns } : session;
  }

  /** The session the cookie names, whatever its stage. */
  async sessionFor(sessionToken: string | undefined): Promise<StaffSession | undefined> {
    if (!sessionToken) return undefined;
    return this.repository.findSession(hashToken(sessionToken), this.clock.now().toISOString());
  }

  /** The user of a finished sign-in (what sockets and staff routes accept). */
  async userForSession(sessionToken: string | undefined): Promise<StaffMember | undefined> {
    const session = await this.sessionFor(sessionToken);
    return session?.stage === 'done' ? session.user : undefined;
  }

  async signOut(sessionToken: string): Promise<void> {
    const sessionHash = hashToken(sessionToken);
    const session = await this.repository.findSession(sessionHash, this.clock.now().toISOString());
    await this.repository.deleteSession(sessionHash);
    if (session) await this.bus.publish({ kind: 'sessions-ended', userId: session.user.id, sessionHash });
  }

  /** Changes the password, ends all the user's sessions, and opens a new one for this browser. */
  async changePassword(user: StaffMember, currentPassword: string, newPassword: string): Promise<SignedIn> {
    const passwordHash = await this.repository.findPasswordHash(user.id);
    if (!passwordHash || !(await this.passwords.verify(passwordHash, currentPassword))) throw new AppError('invalid_credentials');
    await this.setPassword(user.id, newPassword);
    const updated = await this.repository.findUserById(user.id);
    if (!updated) throw new AppError('unauthenticated');
    const session = await this.openSession(updated, 'done');
    await this.audit.record({ deskId: user.desk_id, actor: user, action: 'staff.password_changed', target: { type: 'staff', id: user.id } });
    return session;
  }

  async setPassword(userId: string, newPassword: string): Promise<void> {
    assertAcceptablePassword(newPassword);
    await this.repository.replacePassword(userId, await this.passwords.hash(newPassword), this.clock.now().toISOString());
    await this.bus.publish({ kind: 'sessions-ended', userId, sessionHash: null });
  }

  async findUserById(id: string): Promise<StaffMember | undefined> {
    return this.repository.findUserById(id);
  }

  async findUserByEmail(email: string): Promise<StaffMember | undefined> {
    return (await this.repository.findCredentials(email))?.member;
  }

  private async openSession(user: StaffMember, stage: SessionStage): Promise<SignedIn> {
    const now = this.clock.now();
    // A step towards a second factor (giving or enrolling one) lasts minutes, not a working day.
    const hours = stage === 'done' ? this.sessionHours : SECOND_FACTOR_STEP_HOURS;
    const expiresAt = new Date(now.getTime() + hours * 3_600_000);
    const sessionToken = newSecretToken();
    await this.repository.deleteExpiredSessions(now.toISOString());
    await this.repository.insertSession(hashToken(sessionToken), user.id, now.toISOString(), expiresAt.toISOString(), stage);
    return { user, sessionToken, expiresAt, stage };
  }
}
