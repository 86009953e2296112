/**
 * The application factory: everything wired, nothing listening. `main.ts` listens; tests call
 * `buildApp` and use `app.inject()` or real WebSocket clients against it.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { AuditLog } from './audit/audit-log';
import { auditRoutes } from './audit/routes';
import { AuthRepository } from './auth/repository';
import { authRoutes } from './auth/routes';
import { AuthService } from './auth/service';
import type { Clock } from './clock';
import type { Config } from './config';
import { ConversationRepository } from './conversations/repository';
import { conversationRoutes } from './conversations/routes';
import { ConversationService } from './conversations/service';
import type { Database } from './db/database';
import type { Desk } from './desks/desk';
import { deskRoutes } from './desks/routes';
import { loadDefaultDesk } from './desks/service';
import { AppError } from './errors';
import { healthRoutes } from './health/routes';
import { installErrorHandling } from './http';
import type { Bus } from './realtime/bus';
import { Hub } from './realtime/hub';
import { createMemoryRateLimiter, type RateLimiter } from './realtime/rate-limit';
import { realtimeRoutes } from './realtime/routes';
import { createScheduleService, type ScheduleService } from './schedule/service';
import { webRoutes } from './web/routes';

export interface AppDeps {
  database: Database;
  bus: Bus;
  clock: Clock;
  /** Defaults to an in-memory limiter of config.limits.messagesPerMinute. */
  messageRateLimiter?: RateLimiter;
  /** Shares the HTTP rate limits between instances when set. */
  rateLimitRedis?: Redis;
}

export interface App {
  server: FastifyInstance;
  desk: Desk;
  auth: AuthService;
  audit: AuditLog;
  conversations: ConversationService;
  schedule: ScheduleService;
  hub: Hub;
}


export async function buildApp(config: Config, deps: AppDeps): Promise<App> {
  const desk = await loadDefaultDesk(deps.database, config, deps.clock);
  const auth = new AuthService(new AuthRepository(deps.database.db), deps.bus, deps.clock, config.staffSessionHours);
  const audit = new AuditLog(deps.database.db, deps.clock);
  const schedule = createScheduleService(deps.database, config, deps.clock);
  const conversations = new ConversationService(new ConversationRepository(deps.database.db), deps.bus, deps.clock, schedule);
  const hub = new Hub(deps.bus);

  const server = Fastify({
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    logger: {
      level: config.logLevel,
      // Never log who wrote what: no bodies, no cookies, no bearer tokens.
      // An IP address is personal data; requests are logged by method, path and id only.
      serializers: { req: (req) => ({ method: req.method, url: req.url.split('?')[0] }) },
    },
    genReqId: () => crypto.randomUUID(),
  });
  installErrorHandling(server);
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
        frameAncestors: ["'self'"],
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

  await server.register(healthRoutes, { database: () => deps.database.ping(), bus: () => deps.bus.ping() });
  await server.register(deskRoutes, { desk, schedule });
  await server.register(conversationRoutes, { desk, conversations, startsPerMinute: config.limits.conversationsPerMinute });
  await server.register(auditRoutes, { auth, audit });
  await server.register(authRoutes, { auth, audit, deskId: desk.id, cookieSecure: config.cookieSecure, loginAttemptsPerMinute: config.limits.loginsPerMinute });
  await server.register(realtimeRoutes, {
    desk,
    conversations,
    auth,
    hub,
    rateLimiter: deps.messageRateLimiter ?? createMemoryRateLimiter(config.limits.messagesPerMinute),
  });
  await server.register(webRoutes, { staticDir: config.staticDir, desk });
  server.addHook('onClose', async () => hub.stop());

  return { server, desk, auth, audit, conversations, schedule, hub };
}
