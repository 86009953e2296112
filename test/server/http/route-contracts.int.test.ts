/** Every route contract of the wire is a route the server answers, and every /api route has a contract. */
import { describe, expect, it } from 'vitest';
import * as wire from '../../../src/shared/protocol';
import type { RouteContract } from '../../../src/shared/protocol';
import { serverForSuite } from '../../support/app';
import { databaseTargets } from '../../support/databases';

const isContract = (value: unknown): value is RouteContract =>
  typeof value === 'object' && value !== null && 'method' in value && 'path' in value && 'response' in value;

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
    // Each contract names a distinct route the server has; counting the server's routes closes the loop.
    const tree = server().app.server.printRoutes({ commonPrefix: false });
    const routes = tree
      .split('\n')
      .filter((line) => !line.includes(wire.WEBSOCKET_PATH + ' '))
      .flatMap((line) => /\(([^)]+)\)/.exec(line)?.[1]?.split(', ') ?? [])
      .filter((method) => method !== 'HEAD');
    const declared = new Set(contracts.map(({ method, path }) => `${method} ${path}`));
    expect(declared.size).toBe(contracts.length);
    expect(routes.length).toBe(declared.size);
  });
});
