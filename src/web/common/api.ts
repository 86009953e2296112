/**
 * fetch with our error contract: a failed request throws ApiError with the problem+json `code`,
 * so the UI can show `common:errors.<code>`. 'network' means the server was not reached at all.
 */
import type * as z from 'zod/mini';
import type { ErrorCode } from '../../shared/errors';
import { problemSchema } from '../../shared/desk-protocol';
import { MULTIPART, type ParamsOf, type ResponseOf, type RouteContract } from '../../shared/wire/contract';
import { BACKGROUND_REFRESH_HEADER } from '../../shared/wire/background-refresh-header';

export type ApiErrorCode = ErrorCode | 'network';

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly status: number,
    /** The problem's `detail`, safe to show (a block's end time). */
    readonly detail?: string,
  ) {
    super(`Request failed: ${code} (${status})`);
    this.name = 'ApiError';
  }
}

/** How a staff session ended under a page: signed out or revoked elsewhere, or idle (`detail`: the minutes). */
export interface SessionEnd {
  code: Extract<ApiErrorCode, 'unauthenticated' | 'session_idle'>;
  detail?: string | undefined;
}

const sessionEndListeners = new Set<(end: SessionEnd) => void>();

/** Told when any request finds the staff session over; returns the unsubscribe. */
export function onSessionEnd(listener: (end: SessionEnd) => void): () => void {
  sessionEndListeners.add(listener);
  return () => void sessionEndListeners.delete(listener);
}

let reauthenticator: (() => Promise<boolean>) | undefined;

/**
 * Who asks for the password again when an admin change answers `reauthentication_required`
 * (staff-common/reauthenticate-dialog.tsx): true once it was accepted, false when cancelled.
 */
export function setReauthenticator(ask: () => Promise<boolean>): () => void {
  reauthenticator = ask;
  return () => {
    if (reauthenticator === ask) reauthenticator = undefined;
  };
}

export function errorCodeOf(error: unknown): ApiErrorCode {
  return error instanceof ApiError ? error.code : 'internal_error';
}

/** The code of a problem+json body; anything else is reported as an internal error. */
export function problemCode(body: unknown): ErrorCode {
  const problem = problemSchema.safeParse(body);
  return problem.success ? problem.data.code : 'internal_error';
}

type Schema = z.ZodMiniType;

/** A route answering JSON or 204; downloads go through `requestFile(pathOf(…))`. */
type JsonRoute = RouteContract & { response: Schema | null };

/** A route's path parameters are required exactly when its path has some. */
type HasParams<C extends RouteContract> = keyof ParamsOf<C> extends never ? false : true;
type ParamsOption<C extends RouteContract> = HasParams<C> extends true ? { params: ParamsOf<C> } : { params?: undefined };
type QueryOption<C extends RouteContract> = C['query'] extends Schema ? { query?: z.input<C['query']> } : { query?: undefined };
type BodyOption<C extends RouteContract> = C['body'] extends typeof MULTIPART
  ? { body: FormData }
  : C['body'] extends Schema
    ? { body: z.input<C['body']> }
    : { body?: undefined };

type CallOptions<C extends RouteContract> = ParamsOption<C> &
  QueryOption<C> &
  BodyOption<C> & {
    /** A visitor's private token, sent as `Authorization: Bearer`. */
    token?: string;
    /** The page refreshes on its own: not a use of the staff session (BACKGROUND_REFRESH_HEADER). */
    background?: boolean;
  };

/** Options may be left out when a route needs none. */
type OptionsArgument<C extends RouteContract> = object extends CallOptions<C> ? [options?: CallOptions<C>] : [options: CallOptions<C>];

type PathQuery = Record<string, string | number | boolean | null | undefined>;
type PathArguments<C extends RouteContract> = HasParams<C> extends true
  ? [params: ParamsOf<C>, query?: PathQuery]
  : [params?: ParamsOf<C>, query?: PathQuery];

/** The contract's path with its `:name` parameters filled in escaped, and the query's set values. */
export function pathOf<C extends RouteContract>(contract: C, ...[params, query]: PathArguments<C>): string {
  const values: Record<string, string> = params ?? {};
  const path = contract.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null) search.set(name, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Calls a route of the API: JSON in, the answer checked against the contract's schema (nothing for
 * a 204). A change refused for want of a recent password is tried once more after it was given.
 */
export function api<C extends JsonRoute>(contract: C, ...[options]: OptionsArgument<C>): Promise<ResponseOf<C>> {
  return withReauthentication(() => callOnce(contract, options));
}

/** Makes a call; if it is refused for want of a recent password, asks for it and makes it once more. */
export async function withReauthentication<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'reauthentication_required' && reauthenticator && (await reauthenticator()))) throw error;
    return call();
  }
}

async function callOnce<C extends JsonRoute>(contract: C, options: CallOptions<C> | undefined): Promise<ResponseOf<C>> {
  const { params, query, body, token, background } = (options ?? {}) as { params?: ParamsOf<C>; query?: PathQuery; body?: unknown; token?: string; background?: boolean };
  const { method } = contract;
  const headers: Record<string, string> = { ...(token && bearer(token)), ...(background && { [BACKGROUND_REFRESH_HEADER]: '1' }) };
  const init: RequestInit =
    body === undefined ? { method, headers } : body instanceof FormData ? { method, headers, body } : { ...postJson(body, headers), method };
  // ParamsOption already made the caller give the path's parameters.
  const path = pathOf<RouteContract>(contract, params, query);
  if (contract.response === null) {
    await request(path, init);
    return undefined as ResponseOf<C>;
  }
  return (await requestJson(path, contract.response, init)) as ResponseOf<C>;
}

export async function requestJson<T>(path: string, schema: z.ZodMiniType<T>, init?: RequestInit): Promise<T> {
  const response = await request(path, init);
  const body = schema.safeParse(await response.json().catch(() => null));
  if (!body.success) throw new ApiError('internal_error', response.status);
  return body.data;
}

export async function requestFile(path: string, init?: RequestInit): Promise<{ blob: Blob; filename: string | null }> {
  const response = await request(path, init);
  return { blob: await response.blob(), filename: filenameFrom(response.headers.get('content-disposition')) };
}

export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** Offers a downloaded file to the user as if they had clicked a link to it. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function filenameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // fall through to the plain form
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

/** Sent on `window` (detail: true, then false) while the browser solves a limit's proof of work, for the forms' status line. */
export const AUTOMATION_CHECK_EVENT = 'ek-automation-check';

async function request(path: string, init?: RequestInit, solved = false): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError('network', 0);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const code = problemCode(body);
    // Past a per-address limit: a proof of work (its solver a chunk loaded only now), then once more.
    if (code === 'challenge_required' && !solved) {
      const checking = (detail: boolean) => dispatchEvent(new CustomEvent(AUTOMATION_CHECK_EVENT, { detail }));
      // A solver that cannot load (offline, or a new release replaced the chunk) ends as rate_limited.
      const retry = await import('./proof-of-work').then(({ withSolution }) => withSolution(init, body, checking)).catch(() => null);
      if (retry) return request(path, retry, true);
    }
    const problem = problemSchema.safeParse(body);
    const error = new ApiError(code === 'challenge_required' ? 'rate_limited' : code, response.status, problem.success ? problem.data.detail : undefined);
    if (error.code === 'unauthenticated' || error.code === 'session_idle') for (const listener of sessionEndListeners) listener({ code: error.code, detail: error.detail });
    throw error;
  }
  return response;
}
