/**
 * Finding 1: the client's address behind the proxy. A client that sends its own X-Forwarded-For
 * must not choose the address the per-IP limits count, and IPv6 clients are counted per /64 (one
 * household or server gets a whole /64 and could otherwise rotate through it).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { serverForSuite, type TestServer } from '../support/app';
import { databaseTargets } from '../support/databases';

const LIMIT = 5;

let attempts = 0;

/** A wrong password for a new address each time, so only the per-IP limit can refuse it (not the per-account lock). */
async function wrongSignIn(server: TestServer, forwardedFor: string) {
  attempts += 1;
  const response = await server.app.server.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { email: `nobody${attempts}@example.org`, password: 'wrong password!!' },
  });
  return response.json().code as string;
}

describe.each(databaseTargets)('the client address behind one proxy on $engine', (target) => {
  const suiteServer = serverForSuite(target, { TRUST_PROXY: 'true', LOGINS_PER_MINUTE: String(LIMIT) });
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  it('counts the address the proxy saw, whatever the client put in X-Forwarded-For', async () => {
    // nginx appends the address it saw to whatever the client sent ($proxy_add_x_forwarded_for).
    const codes = [];
    for (let attempt = 0; attempt < LIMIT + 3; attempt++) codes.push(await wrongSignIn(server, `10.9.${attempt}.1, 203.0.113.7`));
    expect(codes.slice(0, LIMIT).every((code) => code === 'invalid_credentials')).toBe(true);
    expect(codes.slice(LIMIT)).toEqual(['rate_limited', 'rate_limited', 'rate_limited']);
  });

  it('counts IPv6 clients per /64, so rotating through one network does not reset the limit', async () => {
    const codes = [];
    for (let attempt = 0; attempt < LIMIT + 2; attempt++) codes.push(await wrongSignIn(server, `2001:db8:1:2:${attempt.toString(16)}::${attempt + 1}`));
    expect(codes.slice(LIMIT)).toEqual(['rate_limited', 'rate_limited']);
    expect(await wrongSignIn(server, '2001:db8:1:3::1')).toBe('invalid_credentials');
  });
});

describe.each(databaseTargets)('a proxy trusted by address on $engine', (target) => {
  const suiteServer = serverForSuite(target, { TRUST_PROXY: '127.0.0.1/32', LOGINS_PER_MINUTE: String(LIMIT) });

  it('takes the first address not in the trusted list', async () => {
    const server = suiteServer();
    const codes = [];
    for (let attempt = 0; attempt < LIMIT + 1; attempt++) codes.push(await wrongSignIn(server, `10.8.${attempt}.1, 198.51.100.4`));
    expect(codes.at(-1)).toBe('rate_limited');
  });
});
