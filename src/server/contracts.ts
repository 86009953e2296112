/**
 * Registers a handler for a route contract of src/shared/wire: the method and path come from the
 * contract, staff routes get the guard its `auth` names, the body and query are parsed with its
 * schemas before the handler runs (refused as `validation_failed`, as parseBody does), and the
 * handler's return type is the contract's answer. A 204 route returns nothing; a download returns
 * the reply it sent.
 */
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import type { STAFF_ROLES } from '../shared/protocol';
import { FILE, MULTIPART, type BodyOf, type ParamsOf, type QueryOf, type ResponseOf, type RouteContract } from '../shared/wire/contract';
import { parseBody } from './http';

type StaffRole = (typeof STAFF_ROLES)[number];

/** What checks a staff route's caller: the AuthService (auth/guard.ts), named by its shape so this file depends on no domain. */
interface StaffGuards {
  guard(level: StaffRole | 'signing-in', options?: { recentProof?: boolean }): preHandlerAsyncHookHandler;
}

interface ServeOptions {
  /** Needed by staff routes: their guard checks the session with it. */
  auth?: StaffGuards;
  /** Per-route settings of Fastify plugins, e.g. `{ rateLimit: … }`. */
  config?: FastifyContextConfig;
  /** Runs before the body is read: a visitor's per-address limit (ProofOfWorkService.limit). */
  onRequest?: onRequestAsyncHookHandler;
}

interface ContractInput<C extends RouteContract> {
  body: BodyOf<C>;
  query: QueryOf<C>;
}

type ContractRequest<C extends RouteContract> = FastifyRequest<{ Params: ParamsOf<C> }>;

type ContractAnswer<C extends RouteContract> = C['response'] extends typeof FILE ? FastifyReply : ResponseOf<C>;

type ContractHandler<C extends RouteContract> = (
  input: ContractInput<C>,
  request: ContractRequest<C>,
  reply: FastifyReply,
) => Promise<ContractAnswer<C>>;

const STAFF_ROLE_OF: Partial<Record<RouteContract['auth'], StaffRole | 'signing-in'>> = { staff: 'consultant', supervisor: 'supervisor', admin: 'admin', 'signing-in': 'signing-in' };

export function serve<C extends RouteContract>(app: FastifyInstance, contract: C, options: ServeOptions, handler: ContractHandler<C>): void {
  app.route<{ Params: ParamsOf<C> }>({
    method: contract.method,
    url: contract.path,
    ...(options.config && { config: options.config }),
    ...(options.onRequest && { onRequest: options.onRequest }),
    ...guardOf(contract, options.auth),
    handler: async (request, reply) => {
      const input = {
        body: contract.body && contract.body !== MULTIPART ? parseBody(contract.body, request.body) : undefined,
        query: contract.query ? parseBody(contract.query, request.query) : undefined,
      } as ContractInput<C>;
      if (contract.status) void reply.status(contract.status);
      const answer = await handler(input, request, reply);
      if (contract.response === null) return reply.status(204).send();
      return answer;
    },
  });
}

/**
 * A staff route without the service its guard needs is a wiring mistake: refused at start-up.
 * Admin changes (an `admin` route that is not a GET) and the routes marked `recentProof` need the
 * password given recently: decided here once, not by each route.
 */
function guardOf(contract: RouteContract, auth: StaffGuards | undefined) {
  const role = STAFF_ROLE_OF[contract.auth];
  if (!role) return {};
  if (!auth) throw new Error(`${contract.method} ${contract.path} is a staff route: pass the AuthService to serve()`);
  const recentProof = contract.recentProof === true || (contract.auth === 'admin' && contract.method !== 'GET');
  return { preHandler: auth.guard(role, { recentProof }) };
}
