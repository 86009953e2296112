/** Every route contract of the wire is a route the server answers, and every /api route has a contract. */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import * as wire from '../../../src/shared/protocol';
import type { RouteContract } from '../../../src/shared/protocol';
import { serverForSuite } from '../../support/app';
import { databaseTargets } from '../../support/databases';

const isContract = (value: unknown): value is RouteContract =>
  typeof value === 'object' && value !== null && 'method' in value && 'path' in value && 'response' in value;

/** `METHOD /path` of every route the server registers, seen by an onRoute hook on the root instance before any plugin loads. */
const registered = vi.hoisted(() => new Set<string>());

vi.mock('fastify', async (importOriginal) => {
  const fastify = await importOriginal<typeof import('fastify')>();
  const watched = ((options?: object) => {
    const server = (fastify.default as (options?: object) => FastifyInstance)(options);
    server.addHook('onRoute', ({ method, url }) => {
      for (const one of [method].flat()) registered.add(`${one} ${url}`);
    });
    return server;
  }) as unknown as typeof fastify.default;
  return { ...fastify, default: watched };
});

const contracts = Object.entries(wire)
  .filter(([name]) => name.endsWith('_ROUTES'))
  .flatMap(([, routes]) => Object.values(routes as object).filter(isContract));

// The routes do not depend on the database: SQLite is enough.
describe.each(databaseTargets.slice(0, 1))('route contracts on $engine', (target) => {
  const server = serverForSuite(target);

  it('names only routes the server has', () => {
    const missing = contracts.filter(({ method, path }) => !server().app.server.hasRoute({ method, url: path }));
    expect(missing.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it('covers every HTTP route the server has (the WebSocket aside)', () => {
    // Fastify adds a HEAD route beside each GET by itself; no contract names one.
    const routes = [...registered].filter((route) => !route.startsWith('HEAD ') && route !== `GET ${wire.WEBSOCKET_PATH}`);
    const declared = new Set(contracts.map(({ method, path }) => `${method} ${path}`));
    expect(declared.size).toBe(contracts.length);
    expect(routes.sort()).toEqual([...declared].sort());
  });
});
