/**
 * A route of the HTTP API as both sides use it: method, path, who may call it, and the schemas of
 * its body, query and answer. The server registers its handler through it (src/server/contracts.ts)
 * and the browser calls it (`api()` in src/web/common/api.ts), so a path or a shape is written once.
 */
import type * as z from 'zod/mini';

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call: anyone; the holder of a visitor's private token (Authorization: Bearer);
 * signed-in staff, at least of the role named; or staff still signing in (password given, second
 * factor to give or to enrol).
 */
type RouteAuth = 'none' | 'visitor-token' | 'staff' | 'supervisor' | 'admin' | 'signing-in';

/** A body the handler reads itself: multipart/form-data with files. */
export const MULTIPART = 'multipart';
/** An answer that is not JSON: bytes with a content-disposition (a file, a transcript). */
export const FILE = 'file';

type Schema = z.ZodMiniType;

export interface RouteContract {
  method: HttpMethod;
  /** Parameters as `:name`; the browser fills them in escaped. */
  path: string;
  auth: RouteAuth;
  body?: Schema | typeof MULTIPART;
  query?: Schema;
  /** The JSON answer's schema; null: 204 No Content. */
  response: Schema | null | typeof FILE;
  /** The status of a success when it is not 200 or 204 (201: something was created). */
  status?: number;
  /**
   * A sensitive change that needs the password given within STAFF_REAUTH_MINUTES. Every `admin`
   * route that is not a GET needs it anyway (src/server/contracts.ts); this marks the others.
   */
  recentProof?: true;
}

export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}

/** `{ id: string }` for `/api/inbox/:id`, `{}` for a path without parameters. */
type PathParams<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

export type ParamsOf<C extends RouteContract> = PathParams<C['path']>;
export type BodyOf<C extends RouteContract> = C['body'] extends Schema ? z.output<C['body']> : undefined;
export type QueryOf<C extends RouteContract> = C['query'] extends Schema ? z.output<C['query']> : undefined;
export type ResponseOf<C extends RouteContract> = C['response'] extends Schema ? z.output<C['response']> : void;
