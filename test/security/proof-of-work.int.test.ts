/**
 * Abuse controls (issue 11): a visitor's client over a per-address limit is asked for a proof of
 * work (ALTCHA) instead of a flat refusal; a fresh solution lets it go on, up to a hard ceiling;
 * each solution is taken once, on any instance; a forged or expired one is refused.
 */
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { describe, expect, it } from 'vitest';
import { BOOKING_ROUTES, HANDOFF_ROUTES, INBOX_ROUTES, POW_HEADER, powProblemSchema, type PowChallenge } from '../../src/shared/protocol';
import { serverForSuite, twoInstancesForSuite, type TestServer } from '../support/app';
import { databaseTargets } from '../support/databases';

// A limit of 2 and a ceiling of 3 × 2; a small search, so the test solves quickly.
const ENV = { CONVERSATIONS_PER_MINUTE: '2', LEFT_MESSAGES_PER_HOUR: '2', CASE_CODE_ATTEMPTS_PER_HOUR: '2', POW_CEILING_FACTOR: '3', POW_MAX_NUMBER: '500' };

let addresses = 0;
/** Each test its own client address, so the suite's tests do not share a count. */
const newAddress = () => `198.51.100.${++addresses}`;

function start(server: TestServer, address: string, solution?: string) {
  return server.app.server.inject({
    method: 'POST',
    url: '/api/conversations',
    remoteAddress: address,
    headers: solution ? { [POW_HEADER]: solution } : {},
    payload: { language: 'en', topic: 'work', privacyAccepted: true },
  });
}

async function startsUnder(server: TestServer, address: string): Promise<void> {
  for (let n = 0; n < 2; n++) expect((await start(server, address)).statusCode).toBe(201);
}

/** The challenge of a `challenge_required` answer (and that it is one). */
function challengeOf(response: Awaited<ReturnType<typeof start>>): PowChallenge {
  expect(response.statusCode).toBe(429);
  return powProblemSchema.parse(response.json()).challenge;
}

async function solve(challenge: PowChallenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('no solution found');
  return Buffer.from(JSON.stringify({ challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } })).toString('base64');
}

describe.each(databaseTargets)('proof of work past the per-address limits on $engine', (target) => {
  const instances = twoInstancesForSuite(target, ENV);

  it('asks nothing of a client under the limit', async () => {
    const [server] = instances();
    const address = newAddress();
    for (let n = 0; n < 2; n++) {
      const response = await start(server, address);
      expect(response.statusCode).toBe(201);
      expect(response.json()).not.toHaveProperty('challenge');
    }
  });

  it('answers challenge_required with a signed, expiring challenge past the limit, and lets a solved one through', async () => {
    const [server] = instances();
    const address = newAddress();
    await startsUnder(server, address);
    const refused = await start(server, address);
    expect(refused.json()).toMatchObject({ status: 429, code: 'challenge_required' });
    const challenge = challengeOf(refused);
    expect(challenge.parameters).toMatchObject({ algorithm: 'SHA-256', data: { scope: 'conversation-start', expires: server.clock.now().getTime() + 300_000 } });
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);

    const passed = await start(server, address, await solve(challenge));
    expect(passed.statusCode).toBe(201);
  });

  it('takes a solution once across instances, which share the signing key', async () => {
    const [first, second] = instances();
    const address = newAddress();
    await startsUnder(first, address);
    await startsUnder(second, address);
    const solution = await solve(challengeOf(await start(first, address)));

    // Made on the first instance, taken on the second: both sign with the key in the database.
    expect((await start(second, address, solution)).statusCode).toBe(201);
    const replayed = await start(first, address, solution);
    expect(replayed.json().code).toBe('challenge_required');
    const again = await start(second, address, solution);
    expect(again.json().code).toBe('challenge_required');
  });

  it('refuses a forged solution, a solution of an altered challenge and an expired one', async () => {
    const [server] = instances();
    const address = newAddress();
    await startsUnder(server, address);
    const challenge = challengeOf(await start(server, address));

    const wrongKey = Buffer.from(JSON.stringify({ challenge, solution: { counter: 1, derivedKey: '00'.repeat(32) } })).toString('base64');
    expect((await start(server, address, wrongKey)).json().code).toBe('challenge_required');
    expect((await start(server, address, 'not base64 json')).json().code).toBe('challenge_required');

    const longer = { ...challenge, parameters: { ...challenge.parameters, data: { ...challenge.parameters.data, expires: challenge.parameters.data.expires + 86_400_000 } } };
    expect((await start(server, address, await solve(longer))).json().code).toBe('challenge_required');

    const otherAddress = newAddress();
    await startsUnder(server, otherAddress);
    const fresh = challengeOf(await start(server, otherAddress));
    const solution = await solve(fresh);
    server.clock.advance(301_000);
    try {
      expect((await start(server, otherAddress, solution)).json().code).toBe('challenge_required');
    } finally {
      server.clock.advance(-301_000);
    }
  });

  it('refuses a client beyond the hard ceiling with rate_limited and Retry-After, even with a fresh solution', async () => {
    const [server] = instances();
    const address = newAddress();
    await startsUnder(server, address);
    const challenges: PowChallenge[] = [];
    // Counts 3 to 6: challenged (the ceiling is 3 × 2).
    for (let n = 0; n < 4; n++) challenges.push(challengeOf(await start(server, address)));
    const beyond = await start(server, address, await solve(challenges[0]!));
    expect(beyond.statusCode).toBe(429);
    expect(beyond.json().code).toBe('rate_limited');
    expect(beyond.headers['retry-after']).toMatch(/^\d+$/);
  });
});

describe.each(databaseTargets)('every per-address limit of a visitor asks for a proof of work on $engine', (target) => {
  const suiteServer = serverForSuite(target, ENV);
  const ROUTES = [
    { name: 'left messages and their replies', scope: 'left-message', urls: [INBOX_ROUTES.leave.path, INBOX_ROUTES.reply.path, INBOX_ROUTES.leave.path] },
    { name: 'bookings and their moves', scope: 'booking', urls: [BOOKING_ROUTES.book.path, BOOKING_ROUTES.move.path, BOOKING_ROUTES.book.path] },
    { name: 'case-code claims', scope: 'case-code', urls: [HANDOFF_ROUTES.claim.path, HANDOFF_ROUTES.claim.path, HANDOFF_ROUTES.claim.path] },
  ];

  it.each(ROUTES)('$name: the limit counts before the request is read, and past it the challenge is for that limit', async ({ scope, urls }) => {
    const server = suiteServer();
    const address = newAddress();
    const post = (url: string) => server.app.server.inject({ method: 'POST', url, remoteAddress: address, payload: {} });
    for (const url of urls.slice(0, 2)) expect((await post(url)).statusCode).not.toBe(429);
    const refused = await post(urls[2]!);
    expect(refused.statusCode).toBe(429);
    expect(powProblemSchema.parse(refused.json()).challenge.parameters.data.scope).toBe(scope);
  });
});
