/** The staff session: an HttpOnly cookie set by the server, so the page only asks who is signed in. */
import { startAuthentication, startRegistration, type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { AUTH_ROUTES, type LoginResponse, type SignInStep, type StaffUser, type TotpSetup, type TwoFactorStatus } from '../../shared/protocol';
import type { BodyOf } from '../../shared/wire/contract';
import { api } from '../common/api';

/** The signed-in staff member and, while a sign-in is half done, its step; null when there is no valid session. */
export async function fetchSignedInUser(): Promise<{ user: StaffUser; step?: SignInStep | undefined } | null> {
  const { user, step } = await api(AUTH_ROUTES.me);
  return user ? { user, step } : null;
}

/** The user, the step still to take, and the wrong passwords tried at the account since its last sign-in, if any. */
export async function signIn(email: string, password: string): Promise<LoginResponse> {
  return api(AUTH_ROUTES.login, { body: { email, password } });
}

export async function signOut(): Promise<void> {
  await api(AUTH_ROUTES.logout);
}

export async function giveCode(method: 'totp' | 'recovery', code: string): Promise<LoginResponse> {
  return api(AUTH_ROUTES.secondFactor, { body: { method, code } });
}

type WebauthnAnswer = BodyOf<typeof AUTH_ROUTES.passkey>;

/** Signs in with a passkey of this account: the browser asks the authenticator. */
export async function givePasskey(): Promise<LoginResponse> {
  const optionsJSON = (await api(AUTH_ROUTES.passkeyOptions)) as unknown as PublicKeyCredentialRequestOptionsJSON;
  const answer = await startAuthentication({ optionsJSON });
  return api(AUTH_ROUTES.passkey, { body: answer as unknown as WebauthnAnswer });
}

export async function twoFactorStatus(): Promise<TwoFactorStatus> {
  return api(AUTH_ROUTES.twoFactor);
}

export async function startTotp(): Promise<TotpSetup> {
  return api(AUTH_ROUTES.totpSetup);
}

/** The recovery codes when this was the first factor enrolled, else null. */
export async function confirmTotp(code: string): Promise<string[] | null> {
  return (await api(AUTH_ROUTES.totpConfirm, { body: { code } })).recoveryCodes;
}

/** Registers a new passkey of this device or a security key; the recovery codes as with confirmTotp. */
export async function addPasskey(): Promise<string[] | null> {
  const optionsJSON = (await api(AUTH_ROUTES.passkeyRegistrationOptions)) as unknown as PublicKeyCredentialCreationOptionsJSON;
  const answer = await startRegistration({ optionsJSON });
  return (await api(AUTH_ROUTES.passkeyRegistration, { body: answer as unknown as WebauthnAnswer })).recoveryCodes;
}
