/**
 * A real server for integration tests: buildApp on a fresh database, listening on a free port,
 * with a settable clock. Staff users and sessions are made through the real services and routes.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { buildApp, type App, type AppDeps } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { migrateToLatest, openDatabase, type Database } from '../../src/server/db/database';
import { moduleMigrations } from '../../src/server/modules';
import { createInProcessBus, type Bus } from '../../src/server/events/bus';
import type { StaffRole } from '../../src/server/auth/roles';
import type { StartConversationRequest, StartConversationResponse } from '../../src/shared/protocol';
import type { UiLanguage } from '../../src/shared/languages';
import { TestClock } from './clock';
import type { DatabaseTarget } from './databases';
import { startSmtpServer, type TestSmtpServer } from './smtp';
import { TestSocket } from './ws-client';

export const STAFF_PASSWORD = 'correct horse battery staple';

export interface TestServer {
  app: App;
  database: Database;
  bus: Bus;
  clock: TestClock;
  baseUrl: string;
  wsUrl: string;
  /** Statements run through Kysely so far (not the SQLite append's own prepared ones). */
  statements: StatementCounter;
  close(): Promise<void>;
}

/** Counts the statements Kysely runs: what a step costs the database, whatever the machine's speed. */
export class StatementCounter implements KyselyPlugin {
  count = 0;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count++;
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/**
 * `bus`: one the instances of a deployment share (as they share Redis); by default its own.
 * `deps`: more of what a deployment gives every instance (e.g. the Redis of the HTTP rate limits).
 */
export async function startServer(
  databaseUrl: string,
  env: Record<string, string> = {},
  bus: Bus = createInProcessBus(),
  deps: Pick<AppDeps, 'rateLimitRedis'> = {},
): Promise<TestServer> {
  // Tests sign admins and supervisors in with a password alone unless they test the second factor.
  const config = loadConfig({ LOG_LEVEL: 'silent', STATIC_DIR: '/nonexistent', STAFF_2FA_REQUIRED_ROLES: 'none', ...env, DATABASE_URL: databaseUrl });
  const opened = openDatabase(databaseUrl, config.databasePoolSize);
  await migrateToLatest(opened.db, moduleMigrations);
  const statements = new StatementCounter();
  const database = { ...opened, db: opened.db.withPlugin(statements) };
  const clock = new TestClock();
  const app = await buildApp(config, { ...deps, database, bus, clock });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    database,
    bus,
    clock,
    statements,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    async close() {
      await app.server.close();
      await bus.close();
      await database.close();
    },
  };
}

type Env = Record<string, string> | (() => Record<string, string>);

/**
 * One server on a fresh database for the enclosing describe block: started before its tests,
 * closed and dropped after them. Call the returned function inside tests.
 */
export function serverForSuite(target: DatabaseTarget, env: Env = {}): () => TestServer {
  const instances = instancesBetween(beforeAll, afterAll, target, [env]);
  return () => instances()[0]!;
}

/** A server on a fresh database for each test of the enclosing block, for tests that must share nothing. */
export function serverForEachTest(target: DatabaseTarget, env: Env = {}): () => TestServer {
  const instances = instancesBetween(beforeEach, afterEach, target, [env]);
  return () => instances()[0]!;
}

/**
 * Two instances on one fresh database and one bus for the enclosing describe block, as a
 * deployment runs them: what one stores, the other must serve; what one publishes, both deliver.
 */
export function twoInstancesForSuite(target: DatabaseTarget, firstEnv: Env = {}, secondEnv: Env = firstEnv): () => [TestServer, TestServer] {
  const instances = instancesBetween(beforeAll, afterAll, target, [firstEnv, secondEnv]);
  return () => [instances()[0]!, instances()[1]!];
}

/** Instances on one fresh database, one for each env, started in `before` and closed (last first) in `after`. */
function instancesBetween(before: typeof beforeAll, after: typeof afterAll, target: DatabaseTarget, envs: Env[]): () => TestServer[] {
  let instances: TestServer[] = [];
  let drop: (() => Promise<void>) | undefined;
  before(async () => {
    const database = await target.create();
    drop = database.drop;
    instances = [];
    const bus = createInProcessBus();
    for (const env of envs) instances.push(await startServer(database.url, typeof env === 'function' ? env() : env, bus));
  });
  after(async () => {
    for (const instance of [...instances].reverse()) await instance.close();
    await drop?.();
  });
  return () => {
    if (instances.length < envs.length) throw new Error('the test server has not started');
    return instances;
  };
}

/**
 * serverForSuite with a real SMTP server on loopback that the app sends its mail to. The SMTP
 * server starts before the app and closes after it (vitest runs after-hooks in reverse order).
 */
export function serverWithSmtpForSuite(
  target: DatabaseTarget,
  env: Record<string, string> = {},
): () => { server: TestServer; smtp: TestSmtpServer } {
  let smtp: TestSmtpServer | undefined;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
  });
  const suiteServer = serverForSuite(target, () => ({ SMTP_URL: smtpStarted().url, ...env }));
  function smtpStarted(): TestSmtpServer {
    if (!smtp) throw new Error('the suite SMTP server has not started');
    return smtp;
  }
  return () => ({ server: suiteServer(), smtp: smtpStarted() });
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

/** `remoteAddress`: the visitor's address (blocks match its network); loopback unless given. */
export async function startConversation(
  server: TestServer,
  overrides: Partial<StartConversationRequest> = {},
  remoteAddress?: string,
): Promise<StartConversationResponse> {
  const response = await server.app.server.inject({
    method: 'POST',
    url: '/api/conversations',
    ...(remoteAddress && { remoteAddress }),
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
