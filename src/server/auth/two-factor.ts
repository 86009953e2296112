/**
 * Staff second factors: TOTP (with single-use recovery codes) and passkeys (WebAuthn). Everything
 * a ceremony needs between two requests is in the database (secrets, last used step, challenges),
 * so any instance can take the next request. Which roles must have one: STAFF_2FA_REQUIRED_ROLES,
 * and consultants too when an admin says so (two_factor_policy).
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { FastifyBaseLogger } from 'fastify';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { TwoFactorStatus } from '../../shared/protocol';
import { parseReadableCode } from '../../shared/readable-code';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { Bus } from '../events/bus';
import type { SecretSealer } from '../mail/sealing';
import { newReadableCode } from '../readable-code';
import type { StaffMember } from '../staff/types';
import { hashToken } from '../tokens';
import type { StaffRole } from './roles';
import { accountKeyOf, type SignInProtection } from './sign-in-protection';
import type { SessionStage } from './tables';
import type { TwoFactorRepository } from './two-factor-repository';

export const RECOVERY_CODE_COUNT = 10;
const TOTP_PERIOD_SECONDS = 30;
/** A code of the step before or after the server's is accepted too: phone clocks drift. */
const TOTP_WINDOW = 1;
const CHALLENGE_TTL_MS = 5 * 60_000;

export type SecondFactorMethod = 'totp' | 'recovery' | 'passkey';

export interface TwoFactorSettings {
  /** The roles that must have a second factor whatever the desk's policy says. */
  requiredRoles: readonly StaffRole[];
  /** The site's origin (PUBLIC_URL): the passkeys' origin, and its host their relying party id. */
  publicUrl: string;
  /** Names the account in authenticator apps and passkey prompts. */
  issuer: string;
}

export class TwoFactorService {
  private readonly rpId: string;

  constructor(
    private readonly repository: TwoFactorRepository,
    private readonly protection: SignInProtection,
    private readonly sealer: SecretSealer,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly audit: Pick<AuditLog, 'record'>,
    private readonly settings: TwoFactorSettings,
    private readonly log: Pick<FastifyBaseLogger, 'error'>,
  ) {
    this.rpId = new URL(settings.publicUrl).hostname;
  }

  /** What a session is after the right password: a second factor to give, one to enrol, or signed in. */
  async stageAfterPassword(user: StaffMember): Promise<SessionStage> {
    const { totp, passkeys } = await this.methodsOf(user.id);
    if (totp || passkeys > 0) return 'verify';
    return (await this.isRequired(user)) ? 'enrol' : 'done';
  }

  async status(user: StaffMember): Promise<TwoFactorStatus> {
    const { totp, passkeys } = await this.methodsOf(user.id);
    return {
      required: await this.isRequired(user),
      totp,
      passkeys,
      recoveryCodesLeft: await this.repository.countRecoveryCodes(user.id),
    };
  }

  private async methodsOf(userId: string) {
    const totp = await this.repository.findTotp(userId);
    return { totp: Boolean(totp?.confirmed_at), passkeys: (await this.repository.listPasskeys(userId)).length };
  }

  private async isRequired(user: StaffMember): Promise<boolean> {
    if (this.settings.requiredRoles.includes(user.role)) return true;
    return user.role === 'consultant' && (await this.repository.consultantsRequired(user.desk_id));
  }

  /** A new secret to scan or type, unconfirmed until `confirmTotp`; refused once TOTP is on (an admin resets it). */
  async startTotp(user: StaffMember): Promise<{ secret: string; uri: string; qr: string }> {
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    if (!(await this.repository.putPendingTotp(user.id, this.sealer.seal(secret)))) {
      throw new AppError('validation_failed', 'TOTP is already on for this account');
    }
    const uri = this.totpFor(user, secret).toString();
    return { secret, uri, qr: await QRCode.toDataURL(uri, { margin: 4, width: 240, errorCorrectionLevel: 'M' }) };
  }

  /** Turns TOTP on with a code from the new secret; the first factor enrolled brings the recovery codes, shown once. */
  async confirmTotp(user: StaffMember, code: string): Promise<{ recoveryCodes: string[] | null }> {
    const row = await this.repository.findTotp(user.id);
    if (!row || row.confirmed_at) throw new AppError('validation_failed', 'no TOTP secret waits for confirmation');
    if (!(await this.takeTotpCode(user, row.secret_sealed, code))) throw new AppError('second_factor_invalid');
    return this.enrolled(user, 'totp');
  }

  /** The second step of a sign-in: a TOTP or recovery code. Counted like a wrong password when wrong. */
  async verifyCode(user: StaffMember, method: 'totp' | 'recovery', code: string): Promise<void> {
    await this.protection.assertNotLocked(accountKeyOf(user.email));
    const accepted = method === 'totp' ? await this.totpAccepted(user, code) : await this.recoveryCodeAccepted(user, code);
    if (!accepted) await this.refuse(user, method);
    if (method === 'recovery') {
      const left = await this.repository.countRecoveryCodes(user.id);
      await this.audit.record({ deskId: user.desk_id, actor: user, action: 'two_factor.recovery_code_used', target: { type: 'staff', id: user.id }, detail: { left } });
    }
  }

  private async totpAccepted(user: StaffMember, code: string): Promise<boolean> {
    const row = await this.repository.findTotp(user.id);
    return Boolean(row?.confirmed_at) && (await this.takeTotpCode(user, row!.secret_sealed, code));
  }

  /** True if `code` is right for now and its step was not used before (the step is then taken). */
  private async takeTotpCode(user: StaffMember, secretSealed: string, code: string): Promise<boolean> {
    const secret = this.openSecret(user, secretSealed);
    if (secret === undefined) return false;
    const timestamp = this.clock.now().getTime();
    const delta = this.totpFor(user, secret).validate({ token: code.replace(/\s/g, ''), timestamp, window: TOTP_WINDOW });
    if (delta === null) return false;
    const step = Math.floor(timestamp / 1000 / TOTP_PERIOD_SECONDS) + delta;
    return this.repository.takeTotpStep(user.id, step, this.clock.now().toISOString());
  }

  /** A secret sealed under another key (OUTBOX_SEALING_KEY changed) takes no code: the operator is told, the user refused. */
  private openSecret(user: StaffMember, secretSealed: string): string | undefined {
    try {
      return this.sealer.open(secretSealed);
    } catch {
      this.log.error({ userId: user.id }, 'the TOTP secret cannot be opened: was OUTBOX_SEALING_KEY changed?');
      return undefined;
    }
  }

  private async recoveryCodeAccepted(user: StaffMember, typed: string): Promise<boolean> {
    const code = parseReadableCode(typed);
    return code !== null && this.repository.useRecoveryCode(user.id, hashToken(code), this.clock.now().toISOString());
  }

  private async refuse(user: StaffMember, method: SecondFactorMethod): Promise<never> {
    await this.audit.record({ deskId: user.desk_id, actor: null, action: 'two_factor.failed', target: { type: 'staff', id: user.id }, detail: { method } });
    await this.protection.countFailure(accountKeyOf(user.email), { deskId: user.desk_id, target: { type: 'staff', id: user.id } });
    throw new AppError('second_factor_invalid');
  }

  private totpFor(user: StaffMember, secret: string): OTPAuth.TOTP {
    return new OTPAuth.TOTP({
      issuer: this.settings.issuer,
      label: user.email,
      algorithm: 'SHA1',
      digits: 6,
      period: TOTP_PERIOD_SECONDS,
      secret: OTPAuth.Secret.fromBase32(secret),
    });
  }

  async registrationOptions(user: StaffMember, sessionToken: string): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const options = await generateRegistrationOptions({
      rpName: this.settings.issuer,
      rpID: this.rpId,
      userName: user.email,
      userDisplayName: user.name,
      userID: new TextEncoder().encode(user.id),
      attestationType: 'none',
      excludeCredentials: (await this.repository.listPasskeys(user.id)).map((key) => ({ id: key.credentialId, transports: key.transports as AuthenticatorTransport[] })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
    });
    await this.putChallenge(sessionToken, 'register', options.challenge);
    return options;
  }

  async registerPasskey(user: StaffMember, sessionToken: string, response: RegistrationResponseJSON): Promise<{ recoveryCodes: string[] | null }> {
    const expectedChallenge = await this.takeChallenge(sessionToken, 'register');
    const verification = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: this.settings.publicUrl,
      expectedRPID: this.rpId,
      requireUserVerification: true,
    }).catch(() => undefined);
    if (!verification?.verified) throw new AppError('second_factor_invalid');
    const { credential } = verification.registrationInfo;
    const inserted = await this.repository.insertPasskey(user.id, {
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: credential.transports ?? [],
      createdAt: this.clock.now().toISOString(),
      lastUsedAt: null,
    });
    if (!inserted) throw new AppError('second_factor_invalid');
    return this.enrolled(user, 'passkey');
  }

  async authenticationOptions(user: StaffMember, sessionToken: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const options = await generateAuthenticationOptions({
      rpID: this.rpId,
      allowCredentials: (await this.repository.listPasskeys(user.id)).map((key) => ({ id: key.credentialId, transports: key.transports as AuthenticatorTransport[] })),
      userVerification: 'required',
    });
    await this.putChallenge(sessionToken, 'authenticate', options.challenge);
    return options;
  }

  async verifyPasskey(user: StaffMember, sessionToken: string, response: AuthenticationResponseJSON): Promise<void> {
    await this.protection.assertNotLocked(accountKeyOf(user.email));
    const expectedChallenge = await this.takeChallenge(sessionToken, 'authenticate');
    const passkey = await this.repository.findPasskey(user.id, response.id);
    if (!passkey) return this.refuse(user, 'passkey');
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: this.settings.publicUrl,
      expectedRPID: this.rpId,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')), counter: passkey.counter, transports: passkey.transports as AuthenticatorTransport[] },
      requireUserVerification: true,
    }).catch(() => undefined);
    if (!verification?.verified) return this.refuse(user, 'passkey');
    await this.repository.passkeyUsed(passkey.credentialId, verification.authenticationInfo.newCounter, this.clock.now().toISOString());
  }

  private async putChallenge(sessionToken: string, purpose: 'register' | 'authenticate', challenge: string) {
    const now = this.clock.now();
    await this.repository.putChallenge(
      { session_hash: hashToken(sessionToken), purpose, challenge, expires_at: new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString() },
      now.toISOString(),
    );
  }

  /** A ceremony without a live challenge (expired, used, never asked) is refused before its answer is read. */
  private async takeChallenge(sessionToken: string, purpose: 'register' | 'authenticate'): Promise<string> {
    const challenge = await this.repository.takeChallenge(hashToken(sessionToken), purpose, this.clock.now().toISOString());
    if (!challenge) throw new AppError('second_factor_invalid');
    return challenge;
  }

  private async enrolled(user: StaffMember, method: SecondFactorMethod): Promise<{ recoveryCodes: string[] | null }> {
    await this.audit.record({ deskId: user.desk_id, actor: user, action: 'two_factor.enrolled', target: { type: 'staff', id: user.id }, detail: { method } });
    if ((await this.repository.countRecoveryCodes(user.id)) > 0) return { recoveryCodes: null };
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newReadableCode);
    await this.repository.replaceRecoveryCodes(user.id, recoveryCodes.map(hashToken));
    return { recoveryCodes };
  }

  /**
   * An admin of the desk (or, `null`, the operator's CLI) forgets every second factor of a staff
   * member and ends their sessions; their next sign-in enrols again.
   */
  async reset(admin: StaffMember | null, target: StaffMember): Promise<void> {
    if (admin && target.desk_id !== admin.desk_id) throw new AppError('staff_not_found');
    await this.repository.resetUser(target.id);
    await this.bus.publish({ kind: 'sessions-ended', userId: target.id, sessionHash: null });
    await this.audit.record({ deskId: target.desk_id, actor: admin, action: 'two_factor.reset', target: { type: 'staff', id: target.id } });
  }

  async consultantsRequired(deskId: string): Promise<boolean> {
    return this.repository.consultantsRequired(deskId);
  }

  async setConsultantsRequired(admin: StaffMember, required: boolean): Promise<void> {
    await this.repository.setConsultantsRequired(admin.desk_id, required);
    await this.audit.record({ deskId: admin.desk_id, actor: admin, action: 'two_factor.policy_changed', detail: { consultantsRequired: required } });
  }
}
