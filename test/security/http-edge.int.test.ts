/**
 * Finding 9, the HTTP edge: a slow body is cut off; staff and visitor JSON is never cached;
 * browsers are told which powerful features the pages may use; source maps are not served; and a
 * state-changing request from another site is refused whatever cookies it carries.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { serverForSuite, signedInStaff, STAFF_PASSWORD, type TestServer } from '../support/app';
import { databaseTargets } from '../support/databases';

/** A built-looking static directory with a source map beside its script. */
function staticDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'ek-static-'));
  for (const page of ['', 'console', 'admin']) {
    mkdirSync(join(root, page), { recursive: true });
    writeFileSync(join(root, page, 'index.html'), '<!doctype html><html lang="pl"><title>t</title></html>');
  }
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'visitor-abc.js'), 'console.log(1);\n');
  writeFileSync(join(root, 'assets', 'visitor-abc.js.map'), '{"version":3,"sources":["../src/secret.ts"]}');
  return root;
}

describe.each(databaseTargets)('the HTTP edge on $engine', (target) => {
  const suiteServer = serverForSuite(target, () => ({ LOGINS_PER_MINUTE: '1000', REQUEST_TIMEOUT_SECONDS: '1', STATIC_DIR: staticDir() }));
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });
  const inject = (options: InjectOptions) => server.app.server.inject(options);

  it('marks staff JSON no-store', async () => {
    const staff = await signedInStaff(server);
    const me = await inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: staff.cookie } });
    expect(me.headers['cache-control']).toBe('no-store');
    const queue = await inject({ method: 'GET', url: '/api/canned-answers', headers: { cookie: staff.cookie } });
    expect(queue.headers['cache-control']).toMatch(/no-store/);
  });

  it('sends a Permissions-Policy that keeps camera and microphone to the site and turns the rest off', async () => {
    const page = await inject({ method: 'GET', url: '/' });
    const policy = String(page.headers['permissions-policy']);
    expect(policy).toContain('camera=(self)');
    expect(policy).toContain('microphone=(self)');
    expect(policy).toContain('geolocation=()');
  });

  it('serves the scripts but not their source maps', async () => {
    expect((await inject({ method: 'GET', url: '/assets/visitor-abc.js' })).statusCode).toBe(200);
    expect((await inject({ method: 'GET', url: '/assets/visitor-abc.js.map' })).statusCode).toBe(404);
  });

  it('refuses a state-changing request from another site, by Origin or by Sec-Fetch-Site', async () => {
    const staff = await signedInStaff(server);
    const body = { email: staff.email, password: STAFF_PASSWORD };
    const foreign = await inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example' }, payload: body });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('forbidden');
    const crossSite = await inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: staff.cookie, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.statusCode).toBe(403);
    expect((await inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: staff.cookie } })).json().user).not.toBeNull();
    const own = await inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' }, payload: body });
    expect(own.statusCode).toBe(200);
  });

  it('cuts off a request whose body never finishes', async () => {
    const { port } = new URL(server.baseUrl);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let received = '';
      const deadline = setTimeout(() => reject(new Error('the slow request was never cut off')), 15_000);
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => {
        clearTimeout(deadline);
        resolve(received);
      });
      socket.on('error', () => undefined);
      socket.write('POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"email":');
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});
