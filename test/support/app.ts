/**
 * A real server for integration tests: buildApp on a fresh database, listening on a free port,
 * with a settable clock. Staff users and sessions are made through the real services and routes.
 */
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type App } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { migrateToLatest, openDatabase, type Database } from '../../src/server/db/database';
import { createInProcessBus, type Bus } from '../../src/server/realtime/bus';
import type { StaffRole } from '../../src/server/auth/roles';
import type { StartConversationRequest, StartConversationResponse } from '../../src/shared/protocol';
import type { UiLanguage } from '../../src/shared/languages';
import { TestClock } from './clock';
import type { DatabaseTarget } from './databases';
import { TestSocket } from './ws-client';

export const STAFF_PASSWORD = 'correct horse battery staple';

export interface TestServer {
  app: App;
  database: Database;
  bus: Bus;
  clock: TestClock;
  baseUrl: string;
  wsUrl: string;
  close(): Promise<void>;
}

export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<TestServer> {
  const config = loadConfig({ LOG_LEVEL: 'silent', STATIC_DIR: '/nonexistent', ...env, DATABASE_URL: databaseUrl });
  const database = openDatabase(databaseUrl);
  await migrateToLatest(database.db);
  const bus = createInProcessBus();
  const clock = new TestClock();
  const app = await buildApp(config, { database, bus, clock });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    database,
    bus,
    clock,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    async close() {
      await app.server.close();
      await bus.close();
      await database.close();
    },
  };
}

/**
 * One server on a fresh database for the enclosing describe block: started before its tests,
 * closed and dropped after them. Call the returned function inside tests.
 */
export function serverForSuite(target: DatabaseTarget, env: Record<string, string> = {}): () => TestServer {
  let server: TestServer | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const database = await target.create();
    drop = database.drop;
    server = await startServer(database.url, env);
  });
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });
  return () => {
    if (!server) throw new Error('the suite server has not started');
    return server;
  };
}

let staffCounter = 0;

export interface StaffOptions {
  name?: string;
  role?: StaffRole;
  languages?: UiLanguage[];
}

/** A staff member with a signed-in session (its cookie header). */
export async function signedInStaff(server: TestServer, options: StaffOptions = {}) {
  staffCounter += 1;
  const email = `staff${staffCounter}-${Date.now()}@example.org`;
  const user = await server.app.auth.addUser({
    deskId: server.app.desk.id,
    email,
    name: options.name ?? `Consultant ${staffCounter}`,
    role: options.role ?? 'consultant',
    languages: options.languages ?? ['pl', 'en'],
    password: STAFF_PASSWORD,
  });
  const response = await server.app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: STAFF_PASSWORD } });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
  const cookie = String(response.headers['set-cookie']).split(';')[0]!;
  return { user, email, cookie };
}

export async function startConversation(
  server: TestServer,
  overrides: Partial<StartConversationRequest> = {},
): Promise<StartConversationResponse> {
  const response = await server.app.server.inject({
    method: 'POST',
    url: '/api/conversations',
    payload: { language: 'en', topic: 'work', privacyAccepted: true, ...overrides },
  });
  if (response.statusCode !== 201) throw new Error(`start failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

export async function connectVisitor(server: TestServer, token: string, lastSeq = 0) {
  const socket = await TestSocket.open(server.wsUrl);
  socket.send({ type: 'visitor.hello', token, lastSeq });
  const welcome = await socket.next('welcome.visitor');
  return { socket, welcome };
}

export async function connectStaff(server: TestServer, cookie: string) {
  const socket = await TestSocket.open(server.wsUrl, { cookie });
  socket.send({ type: 'staff.hello' });
  const welcome = await socket.next('welcome.staff');
  return { socket, welcome };
}
