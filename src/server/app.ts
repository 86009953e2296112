/**
 * The application factory: everything wired, nothing listening. `main.ts` listens; tests call
 * `buildApp` and use `app.inject()` or real WebSocket clients against it.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Database } from './db/database';
import type { Desk } from './desks/desk';
import { loadDefaultDesk } from './desks/service';
import { AppError } from './errors';
import type { Bus } from './events/bus';
import { healthRoutes } from './health/routes';
import { installCompression } from './compression';
import { installEdgeChecks } from './edge';
import { AdmissionGate } from './admission';
import { installAdmission, installErrorHandling } from './http';
import type { Mailer } from './mail/mailer';
import { combineParts, ServiceRegistry, type FrameHandlers, type Job, type ModuleContext, type ModuleParts, type SocketDirectory, type SocketHooks, type Services } from './module';
import { serverModules } from './modules';
import { pageRoutes } from './pages/routes';
import { Hub, type ModuleDeliverers } from './realtime/hub';
import { createMemoryRateLimiter, type RateLimiter } from './rate-limit';
import { realtimeRoutes } from './realtime/routes';

export interface AppDeps {
  database: Database;
  bus: Bus;
  clock: Clock;
  /** Defaults to an in-memory limiter of config.limits.messagesPerMinute. */
  messageRateLimiter?: RateLimiter;
  /** Shares the HTTP rate limits between instances when set. */
  rateLimitRedis?: Redis;
  /** Defaults to SMTP from config.mail, or no mail when SMTP_URL is unset. */
  mailer?: Mailer;
  /** Log as readable lines (pino-pretty) rather than JSON: `main.ts` sets it when stdout is a terminal. */
  prettyLogs?: boolean;
}

/** Infrastructure, and every module's services (src/server/module.ts) for tests to reach into. */
export type App = Services & {
  server: FastifyInstance;
  desk: Desk;
  hub: Hub;
};

export async function buildApp(config: Config, deps: AppDeps): Promise<App> {
  const server = createServer(config, deps.prettyLogs ?? false);
  const desk = await loadDefaultDesk(deps.database, config, deps.clock);
  const hub = new Hub(config.limits.socketsPerToken);
  const registry = new ServiceRegistry();
  const context: ModuleContext = {
    config,
    database: deps.database,
    bus: deps.bus,
    clock: deps.clock,
    log: server.log,
    desk,
    hub,
    messageRateLimiter: deps.messageRateLimiter ?? createMemoryRateLimiter(config.limits.messagesPerMinute),
    mailer: deps.mailer,
    services: registry.services,
  };
  const modules: ModuleParts[] = [];
  for (const module of serverModules) {
    const parts: ModuleParts = await module.create(context);
    registry.add(module.name, parts.services ?? {});
    modules.push(parts);
  }
  // Running on every connection of the pool, plus the bounded number waiting for one.
  const admission = new AdmissionGate(config.databasePoolSize + config.databaseWaitingMax);
  installAdmission(server, admission);
  const sockets = {
    hub,
    admission,
    clock: deps.clock,
    directory: socketDirectory(modules),
    frames: combineParts(modules.map((parts) => parts.frames), 'frame handler') as FrameHandlers,
    hooks: socketHooks(modules),
  };
  // The hub subscribes to the bus before any job does, so it sees each event first.
  hub.listen(deps.bus, combineParts(modules.map((parts) => parts.deliver), 'event deliverer') as ModuleDeliverers);
  startJobs(server, modules.flatMap((parts) => parts.jobs ?? []));
  server.addHook('onClose', async () => hub.stop());

  await registerPlugins(server, deps, config);
  await server.register(healthRoutes, { database: () => deps.database.ping(), bus: () => deps.bus.ping() });
  for (const parts of modules) if (parts.routes) await server.register(parts.routes);
  await server.register(realtimeRoutes, { ...sockets, socketsPerAddress: config.limits.socketsPerAddress });
  const { office, deskInfo } = registry.all();
  await server.register(pageRoutes, {
    staticDir: config.staticDir,
    desk,
    linkPreview: (language) => office.linkPreview(desk.id, language),
    deskInfo: () => deskInfo.current(),
  });

  return { ...registry.all(), server, desk, hub };
}

/** pino-pretty in a worker (pino's transport): a person at a terminal reads lines, not JSON. */
export const PRETTY_LOG_TRANSPORT = { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } };

function createServer(config: Config, prettyLogs: boolean): FastifyInstance {
  const server = Fastify({
    trustProxy: fastifyTrustProxy(config.trustProxy),
    bodyLimit: 64 * 1024,
    logger: {
      level: config.logLevel,
      // Never log who wrote what: no bodies, no cookies, no bearer tokens.
      // An IP address is personal data; requests are logged by method, path and id only.
      serializers: { req: (req) => ({ method: req.method, url: req.url.split('?')[0] }) },
      ...(prettyLogs && { transport: PRETTY_LOG_TRANSPORT }),
    },
    genReqId: () => crypto.randomUUID(),
    // A body that never finishes holds a connection: cut off after requestTimeoutSeconds (408),
    // checked every second rather than Node's default 30 s. Given to Node's server itself too, as
    // only there it also sets headersTimeout (at most the request timeout).
    requestTimeout: config.requestTimeoutSeconds * 1000,
    http: { requestTimeout: config.requestTimeoutSeconds * 1000, connectionsCheckingInterval: 1000 },
  });
  installErrorHandling(server);
  installEdgeChecks(server, config.publicUrl);
  installCompression(server);
  return server;
}

/** Fastify's types have no hop count (its runtime does): a count becomes the function it stands for. */
function fastifyTrustProxy(trust: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust === false ? false : [...trust];
}

const SOCKET_DIRECTORY_ENTRIES = {
  staffSessionToken: true,
  visitorConversation: true,
  visitorWelcome: true,
  staffForSession: true,
  staffConversations: true,
  staffBacklog: true,
} satisfies Record<keyof SocketDirectory, true>;

/** Who a socket is: each entry comes from one module, and a socket cannot work without all of them. */
function socketDirectory(modules: ModuleParts[]): SocketDirectory {
  const directory = combineParts(modules.map((parts) => parts.directory), 'socket directory entry');
  const missing = Object.keys(SOCKET_DIRECTORY_ENTRIES).filter((entry) => !(entry in directory));
  if (missing.length > 0) throw new Error(`no module provides the socket directory entries ${missing.join(', ')}`);
  return directory as unknown as SocketDirectory;
}

function socketHooks(modules: ModuleParts[]): SocketHooks[] {
  const hooks = modules.flatMap((parts) => (parts.sockets ? [parts.sockets] : []));
  // Its availability goes into welcome.staff: two answers would have to be merged.
  if (hooks.filter((hook) => hook.staffConnected).length > 1) throw new Error('two modules provide staffConnected');
  return hooks;
}

/** Jobs start now and stop on close in module order. */
function startJobs(server: FastifyInstance, jobs: Job[]): void {
  for (const job of jobs) {
    const stop = job.start();
    server.addHook('onClose', async () => stop());
  }
}

async function registerPlugins(server: FastifyInstance, deps: AppDeps, config: Config): Promise<void> {
  await server.register(fastifyCookie);
  await server.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        fontSrc: ["'self'"],
        frameAncestors: ["'self'", ...config.embedOrigins],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: false,
  });
  await server.register(fastifyRateLimit, {
    global: false,
    // While Redis is away the HTTP limits are skipped rather than failing every request with a
    // 500: visitors can still start conversations and staff sign in (the bus reports the outage).
    ...(deps.rateLimitRedis && { redis: deps.rateLimitRedis, nameSpace: 'e-konsultant:http:', skipOnError: true }),
    errorResponseBuilder: () => new AppError('rate_limited'),
  });
}
