/**
 * Staff accounts and sessions. A session is a random cookie value whose SHA-256 is stored; a
 * password change deletes every session of that user. A session opened by the right password is
 * only a step (`verify` or `enrol`) when the account has or needs a second factor (two-factor.ts);
 * the guard lets through only sessions that are `done`, used within the idle timeout (a use is
 * written at most once a minute), and for admin changes only when the password was given recently.
 */
import { randomUUID } from 'node:crypto';
import type { preHandlerAsyncHookHandler } from 'fastify';
import type { UiLanguage } from '../../shared/languages';
import type { StaffUser } from '../../shared/protocol';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { Bus } from '../events/bus';
import { shortNetwork } from '../client-address';
import { hashToken, newSecretToken } from '../tokens';
import { deviceOf } from './device';
import { assertAcceptablePassword } from './password-policy';
import type { PasswordHasher } from './passwords';
import type { StaffMember } from '../staff/types';
import type { AuthRepository } from './repository';
import { hasRole, type StaffRole } from './roles';
import type { StaffSessionCookie } from './session-cookie';
import { accountKeyOf, type FailedSignIns, type SignInProtection } from './sign-in-protection';
import type { SessionStage } from './tables';
import type { TwoFactorService } from './two-factor';
import { BACKGROUND_REFRESH_HEADER } from '../../shared/wire/background-refresh-header';

export const DEFAULT_MAX_CONCURRENT = 3;
const SECOND_FACTOR_STEP_HOURS = 0.25;
/** A session's use is written at most this often, not on every request or frame. */
const TOUCH_EVERY_MS = 60_000;
const MINUTE_MS = 60_000;

export interface SessionPolicy {
  hours: number;
  idleMinutes: number;
  /** How recent the password must be for an admin change (the guard's `recentProof`). */
  reauthMinutes: number;
}

/** Where a session is opened from: what its owner's list shows. */
export interface SessionClient {
  userAgent: string | undefined;
  ip: string;
}

export interface GuardOptions {
  /** An admin change: the password must have been given within the re-authentication window. */
  recentProof?: boolean;
}

/** One of a staff member's own sessions, as their list shows it. */
export interface OwnSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  browser: string;
  os: string;
  network: string;
  current: boolean;
}

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
    private readonly policy: SessionPolicy,
    private readonly cookie: StaffSessionCookie,
    private readonly audit: Pick<AuditLog, 'record'>,
    private readonly passwords: PasswordHasher,
    private readonly protection: SignInProtection,
    private readonly twoFactor: Pick<TwoFactorService, 'stageAfterPassword'>,
  ) {}

  /**
   * The preHandler of a staff route: lets through a signed-in, active staff member of at least this
   * role, or (`signing-in`) any session, which the handler then reads with `request.staffStage`.
   */
  guard(level: GuardLevel, options: GuardOptions = {}): preHandlerAsyncHookHandler {
    return async (request) => {
      const session = await this.sessionFor(this.cookie.tokenOf(request), { use: request.headers[BACKGROUND_REFRESH_HEADER] !== '1' });
      if (!session) throw new AppError('unauthenticated');
      if (level !== 'signing-in') {
        if (session.stage === 'verify') throw new AppError('second_factor_required');
        if (session.stage === 'enrol') throw new AppError('two_factor_enrolment_required');
        if (!hasRole(session.user.role, level)) throw new AppError('forbidden');
      }
      if (options.recentProof && !(this.clock.now().getTime() - Date.parse(session.provedAt) <= this.policy.reauthMinutes * MINUTE_MS)) {
        throw new AppError('reauthentication_required');
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
  async signIn(email: string, password: string, deskId: string, client: SessionClient): Promise<SignedIn> {
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
    if (stage === 'verify') return this.openSession(user, 'verify', client);
    return this.signedIn(user, stage, client, {});
  }

  /**
   * The second factor was given (`verify`) or enrolled (`enrol`): the step's session is replaced by
   * a full one under a new token, so a cookie seen before the second factor never becomes a sign-in.
   * An enrolment ends every other session of the user too: those were opened without the factor.
   */
  async finishSecondFactor(session: StaffSession, sessionToken: string, method: string, client: SessionClient): Promise<SignedIn> {
    if (session.stage === 'enrol') {
      await this.repository.deleteSessionsOf(session.user.id);
      await this.bus.publish({ kind: 'sessions-ended', userId: session.user.id, sessionHash: null });
    } else {
      await this.repository.deleteSession(hashToken(sessionToken));
    }
    return this.signedIn(session.user, 'done', client, { secondFactor: method });
  }

  private async signedIn(user: StaffMember, stage: SessionStage, client: SessionClient, detail: Record<string, unknown>): Promise<SignedIn> {
    const failedSignIns = await this.protection.takeFailures(accountKeyOf(user.email));
    const session = await this.openSession(user, stage, client);
    await this.audit.record({ deskId: user.desk_id, actor: user, action: 'staff.signed_in', target: { type: 'staff', id: user.id }, ...(Object.keys(detail).length > 0 && { detail }) });
    return failedSignIns ? { ...session, failedSignIns } : session;
  }

  /**
   * The session the cookie names, whatever its stage; `session_idle` (with the minutes as its
   * detail) once it went unused for the idle timeout. `use`: this is the person's doing (a
   * request, a frame they sent), which keeps the session alive; written at most once a minute.
   */
  async sessionFor(sessionToken: string | undefined, { use = false }: { use?: boolean } = {}): Promise<(StaffSession & { provedAt: string }) | undefined> {
    if (!sessionToken) return undefined;
    const tokenHash = hashToken(sessionToken);
    const now = this.clock.now().getTime();
    const stored = await this.repository.findSession(tokenHash, new Date(now).toISOString());
    if (!stored) return undefined;
    const unusedFor = now - Date.parse(stored.lastSeenAt);
    if (!(unusedFor < this.policy.idleMinutes * MINUTE_MS)) throw new AppError('session_idle', String(this.policy.idleMinutes));
    if (use && unusedFor >= TOUCH_EVERY_MS) {
      await this.repository.touchSession(tokenHash, new Date(now).toISOString(), new Date(now - TOUCH_EVERY_MS).toISOString());
    }
    return { user: stored.user, stage: stored.stage, provedAt: stored.provedAt };
  }

  /** The user of a finished sign-in (what sockets and staff routes accept); `session_idle` as sessionFor. */
  async userForSession(sessionToken: string | undefined, options: { use?: boolean } = {}): Promise<StaffMember | undefined> {
    const session = await this.sessionFor(sessionToken, options);
    return session?.stage === 'done' ? session.user : undefined;
  }

  /**
   * The password given again within a session: admin changes are allowed for the next
   * STAFF_REAUTH_MINUTES. A wrong one counts towards the account's lock like a failed sign-in.
   */
  async reauthenticate(user: StaffMember, sessionToken: string, password: string): Promise<void> {
    const accountKey = accountKeyOf(user.email);
    await this.protection.assertNotLocked(accountKey);
    if (!(await this.passwords.verify(await this.repository.findPasswordHash(user.id), password))) {
      await this.audit.record({ deskId: user.desk_id, actor: user, action: 'staff.sign_in_failed', target: { type: 'staff', id: user.id }, detail: { reauthentication: true } });
      await this.protection.countFailure(accountKey, { deskId: user.desk_id, target: { type: 'staff', id: user.id } });
      throw new AppError('invalid_credentials');
    }
    await this.repository.setProvedAt(hashToken(sessionToken), this.clock.now().toISOString());
  }

  /** The user's own running sessions, this one marked; never their token hashes. */
  async listSessions(user: StaffMember, sessionToken: string): Promise<OwnSession[]> {
    const now = this.clock.now().getTime();
    const currentHash = hashToken(sessionToken);
    const rows = await this.repository.listSessions(user.id, new Date(now).toISOString(), new Date(now - this.policy.idleMinutes * MINUTE_MS).toISOString());
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      browser: row.browser,
      os: row.os,
      network: row.network,
      current: row.token_hash === currentHash,
    }));
  }

  /** Ends one of the user's own sessions, on every instance (its sockets are closed); another's id is not found. */
  async endSession(user: StaffMember, id: string): Promise<void> {
    const sessionHash = await this.repository.deleteSessionById(user.id, id);
    if (!sessionHash) throw new AppError('not_found');
    await this.bus.publish({ kind: 'sessions-ended', userId: user.id, sessionHash });
    await this.audit.record({ deskId: user.desk_id, actor: user, action: 'staff.session_ended', target: { type: 'staff', id: user.id } });
  }

  /** Ends every session of the user but this one. */
  async endOtherSessions(user: StaffMember, sessionToken: string): Promise<void> {
    const ended = await this.repository.deleteOtherSessions(user.id, hashToken(sessionToken));
    for (const sessionHash of ended) await this.bus.publish({ kind: 'sessions-ended', userId: user.id, sessionHash });
    await this.audit.record({ deskId: user.desk_id, actor: user, action: 'staff.other_sessions_ended', target: { type: 'staff', id: user.id }, detail: { count: ended.length } });
  }

  async signOut(sessionToken: string): Promise<void> {
    const sessionHash = hashToken(sessionToken);
    // An idle session is signed out all the same: findSession does not judge idleness.
    const session = await this.repository.findSession(sessionHash, this.clock.now().toISOString());
    await this.repository.deleteSession(sessionHash);
    if (session) await this.bus.publish({ kind: 'sessions-ended', userId: session.user.id, sessionHash });
  }

  /** Changes the password, ends all the user's sessions, and opens a new one for this browser. */
  async changePassword(user: StaffMember, currentPassword: string, newPassword: string, client: SessionClient): Promise<SignedIn> {
    const passwordHash = await this.repository.findPasswordHash(user.id);
    if (!passwordHash || !(await this.passwords.verify(passwordHash, currentPassword))) throw new AppError('invalid_credentials');
    await this.setPassword(user.id, newPassword);
    const updated = await this.repository.findUserById(user.id);
    if (!updated) throw new AppError('unauthenticated');
    const session = await this.openSession(updated, 'done', client);
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

  /** Every session is opened by the password just given (and the second factor, if any): it is proved now. */
  private async openSession(user: StaffMember, stage: SessionStage, client: SessionClient): Promise<SignedIn> {
    const now = this.clock.now();
    // A step towards a second factor (giving or enrolling one) lasts minutes, not a working day.
    const hours = stage === 'done' ? this.policy.hours : SECOND_FACTOR_STEP_HOURS;
    const expiresAt = new Date(now.getTime() + hours * 3_600_000);
    const sessionToken = newSecretToken();
    const at = now.toISOString();
    await this.repository.deleteExpiredSessions(at);
    await this.repository.insertSession({
      token_hash: hashToken(sessionToken),
      id: randomUUID(),
      user_id: user.id,
      created_at: at,
      expires_at: expiresAt.toISOString(),
      second_factor: stage,
      last_seen_at: at,
      proved_at: at,
      ...deviceOf(client.userAgent),
      network: shortNetwork(client.ip),
    });
    return { user, sessionToken, expiresAt, stage };
  }
}
