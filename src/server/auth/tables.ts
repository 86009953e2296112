export interface StaffSessionsTable {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions. */
  token_hash: string;
  /** Random, what the owner's session list names a session by: the token hash never leaves the server. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  /** Last use (a request, or a frame the person's console sent), written at most once a minute. */
  last_seen_at: string;
  /** When the user last gave their password (at sign-in or again): admin changes need it recent. */
  proved_at: string;
  /** From the User-Agent at sign-in, for the owner's list; empty when not recognised. */
  browser: string;
  os: string;
  /** The client's network (IPv4 /24, IPv6 /64) at sign-in, never the full address. */
  network: string;
  /** `done`: signed in; `verify`: password right, second factor not yet given; `enrol`: must enrol one first. */
  second_factor: SessionStage;
}

export type SessionStage = 'done' | 'verify' | 'enrol';

/**
 * Failed sign-ins per account since its last good one, shared by every instance. Keyed by the
 * SHA-256 of the e-mail tried, known or not, so a lock says nothing about who has an account.
 */
export interface SignInFailuresTable {
  account_key: string;
  failures: number;
  last_failed_at: string;
  /** No sign-in to this account, right password or not, before this time. */
  locked_until: string | null;
}

/** A staff member's TOTP secret; unconfirmed until a code from it has been typed back. */
export interface StaffTotpTable {
  user_id: string;
  /** The base32 secret sealed with AES-GCM (mail/sealing.ts): a copy of the database yields no codes. */
  secret_sealed: string;
  confirmed_at: string | null;
  /** The last 30-second step whose code was accepted: no code is taken twice, on any instance. */
  last_step: number | null;
}

/** Single-use recovery codes, shown once; SHA-256 is enough for 50 random bits that are never chosen by a person. */
export interface StaffRecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface StaffPasskeysTable {
  /** base64url, as the authenticator gives it. */
  credential_id: string;
  user_id: string;
  /** The COSE public key, base64url. */
  public_key: string;
  /** bigint: PostgreSQL hands it back as a string. */
  counter: number | string;
  /** Comma-separated WebAuthn transports. */
  transports: string;
  created_at: string;
  last_used_at: string | null;
}

/** The challenge of a WebAuthn ceremony under way, per session and purpose, so any instance can check the answer. */
export interface WebauthnChallengesTable {
  session_hash: string;
  purpose: 'register' | 'authenticate';
  challenge: string;
  expires_at: string;
}

/** Whether consultants must have a second factor too (admins and supervisors: STAFF_2FA_REQUIRED_ROLES). */
export interface TwoFactorPolicyTable {
  desk_id: string;
  consultants_required: number;
}

export interface AuthTables {
  staff_sessions: StaffSessionsTable;
  sign_in_failures: SignInFailuresTable;
  staff_totp: StaffTotpTable;
  staff_recovery_codes: StaffRecoveryCodesTable;
  staff_passkeys: StaffPasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
  two_factor_policy: TwoFactorPolicyTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends AuthTables {}
}
