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
import { AuditRepository } from './audit/repository';
import { auditRoutes } from './audit/routes';
import { AuthRepository } from './auth/repository';
import { bookingRoutes } from './bookings/routes';
import { createBookingService, type BookingService } from './bookings/service';
import { authRoutes } from './auth/routes';
import { CannedAnswerRepository } from './canned/repository';
import { cannedRoutes } from './canned/routes';
import { CannedAnswerService } from './canned/service';
import { AuthService } from './auth/service';
import { startCallHousekeeping } from './calls/housekeeping';
import { CallRepository } from './calls/repository';
import { callRoutes } from './calls/routes';
import { CallService } from './calls/service';
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
import { FileRepository } from './files/repository';
import { fileRoutes } from './files/routes';
import { FileService } from './files/service';
import { healthRoutes } from './health/routes';
import { installErrorHandling } from './http';
import { LeftMessageRepository } from './inbox/repository';
import { inboxRoutes } from './inbox/routes';
import { InboxService } from './inbox/service';
import { createMailer, type Mailer } from './mail/mailer';
import { MailOutbox } from './mail/outbox';
import { MailOutboxRepository } from './mail/repository';
import { NoteRepository } from './notes/repository';
import { noteRoutes } from './notes/routes';
import { NoteService } from './notes/service';
import type { Bus } from './realtime/bus';
import { Hub } from './realtime/hub';
import { createMemoryRateLimiter, type RateLimiter } from './realtime/rate-limit';
import { realtimeRoutes } from './realtime/routes';
import { Presence } from './routing/presence';
import { RoutingRepository } from './routing/repository';
import { routingRoutes } from './routing/routes';
import { RoutingService } from './routing/service';
import { RetentionJob } from './retention/job';
import { RetentionRepository } from './retention/repository';
import { scheduleAdminRoutes } from './schedule/admin-routes';
import { createScheduleService, type ScheduleService } from './schedule/service';
import { ParticipantRepository } from './participants/repository';
import { participantRoutes } from './participants/routes';
import { ParticipantService } from './participants/service';
import { SignalService } from './signals/service';
import { StaffRepository } from './staff/repository';
import { staffAdminRoutes } from './staff/routes';
import { StaffService } from './staff/service';
import { VisitorContextRepository } from './visitor-context/repository';
import { visitorContextRoutes } from './visitor-context/routes';
import { VisitorContextService } from './visitor-context/service';
import { TopicRepository } from './topics/repository';
import { topicAdminRoutes } from './topics/routes';
import { TopicService } from './topics/service';
import { webRoutes } from './web/routes';

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
}

/** How often stored mails whose sending failed are tried again. */
const MAIL_RETRY_INTERVAL_MS = 60_000;

export interface App {
  server: FastifyInstance;
  desk: Desk;
  auth: AuthService;
  audit: AuditLog;
  conversations: ConversationService;
  bookings: BookingService;
  schedule: ScheduleService;
  /** The topics offered to visitors, as /admin keeps them. */
  topics: TopicService;
  hub: Hub;
  /** Offers, the queue's estimates, routing settings (src/server/routing). */
  routing: RoutingService;
  /** Staff connections and availability on every instance. */
  presence: Presence;
  canned: CannedAnswerService;
  notes: NoteService;
  /** Staff beside the assignee, transfers, the supervisor's view. */
  participants: ParticipantService;
  calls: CallService;
  /** Every e-mail goes through it: stored, sent, retried. */
  mail: MailOutbox;
  inbox: InboxService;
}


export async function buildApp(config: Config, deps: AppDeps): Promise<App> {
  const desk = await loadDefaultDesk(deps.database, config, deps.clock);
  const audit = new AuditLog(new AuditRepository(deps.database.db), deps.clock);
  const auth = new AuthService(new AuthRepository(deps.database.db), deps.bus, deps.clock, config.staffSessionHours, audit);
  const schedule = createScheduleService(deps.database, config, deps.clock);
  const topics = new TopicService(new TopicRepository(deps.database.db), deps.clock, config.desk.languages, audit);
  await topics.seed(desk.id, config.desk.topics);
  const staff = new StaffService(new StaffRepository(deps.database.db), auth, topics, deps.bus, audit);
  const conversationRepository = new ConversationRepository(deps.database.db);
  const conversations = new ConversationService(conversationRepository, deps.bus, deps.clock, schedule, topics, audit);
  const hub = new Hub(deps.bus);
  const participants = new ParticipantService(new ParticipantRepository(deps.database.db, conversationRepository), conversations, topics, audit, deps.bus, deps.clock, staff);
  const canned = new CannedAnswerService(new CannedAnswerRepository(deps.database.db), audit, deps.clock);
  const notes = new NoteService(new NoteRepository(deps.database.db), conversations, deps.bus, deps.clock, config.limits.maxMessageLength);
  const signals = new SignalService(conversationRepository, conversations, deps.bus, deps.clock);
  const calls = new CallService(new CallRepository(deps.database.db, conversationRepository), deps.bus, deps.clock, config.calls, async (actor, conversationId) => {
    try {
      await participants.join(actor, conversationId, 'interpreter');
    } catch (error) {
      // Already in the conversation (e.g. invited into a second call): nothing to add.
      if (!(error instanceof AppError && error.code === 'already_in_conversation')) throw error;
    }
  }, staff);
  const visitorContext = new VisitorContextService(new VisitorContextRepository(deps.database.db), conversations);

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
  const messageRateLimiter = deps.messageRateLimiter ?? createMemoryRateLimiter(config.limits.messagesPerMinute);
  const routingRepository = new RoutingRepository(deps.database.db);
  const presence = new Presence(routingRepository, deps.bus, deps.clock, staff);
  const routing = new RoutingService({
    desk,
    repository: routingRepository,
    presence,
    conversations,
    schedule,
    bus: deps.bus,
    hub,
    audit,
    clock: deps.clock,
    defaults: config.routing,
    log: server.log,
  });
  routing.start();
  server.addHook('onClose', async () => routing.stop());
  const files = new FileService(new FileRepository(deps.database.db), conversations, deps.clock, config.files);
  const mailer = deps.mailer ?? createMailer(config.mail, server.log);
  const mail = new MailOutbox(new MailOutboxRepository(deps.database.db), mailer, deps.clock, server.log);
  const stopMailRetries = mail.startRetrying(MAIL_RETRY_INTERVAL_MS);
  const bookings = createBookingService(deps.database, config, deps.clock, { schedule, conversations, mail, topics });
  server.addHook('onClose', async () => {
    stopMailRetries();
    await mail.settled();
    mailer.close();
  });
  const inbox = new InboxService({
    repository: new LeftMessageRepository(deps.database.db),
    mail,
    audit,
    schedule,
    topics,
    clock: deps.clock,
    publicUrl: config.publicUrl,
    files: config.files,
  });
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
  await server.register(deskRoutes, { desk, schedule, topics, files: config.files, calls: config.calls });
  await server.register(conversationRoutes, { desk, conversations, topics, startsPerMinute: config.limits.conversationsPerMinute });
  await server.register(bookingRoutes, {
    desk,
    bookings,
    auth,
    slotMinutes: config.booking.slotMinutes,
    bookingsPerMinute: config.limits.conversationsPerMinute,
  });
  await server.register(auditRoutes, { auth, audit });
  await server.register(participantRoutes, { desk, auth, participants });
  await server.register(staffAdminRoutes, { auth, staff });
  await server.register(topicAdminRoutes, { auth, topics });
  await server.register(scheduleAdminRoutes, { auth, schedule, lastEntryMinutes: config.schedule.lastEntryMinutes });
  await server.register(authRoutes, { auth, deskId: desk.id, cookieSecure: config.cookieSecure, loginAttemptsPerMinute: config.limits.loginsPerMinute });
  await server.register(realtimeRoutes, {
    desk,
    conversations,
    auth,
    hub,
    rateLimiter: messageRateLimiter,
    signals,
    routing,
    presence,
    calls,
  });
  await server.register(callRoutes, { auth, calls });
  const stopCallHousekeeping = startCallHousekeeping(calls, deps.bus, server.log);
  server.addHook('onClose', async () => stopCallHousekeeping());
  await server.register(routingRoutes, { auth, routing });
  await server.register(fileRoutes, { desk, auth, conversations, files, rateLimiter: messageRateLimiter });
  await server.register(inboxRoutes, { desk, inbox, auth, leftPerHour: config.limits.leftMessagesPerHour, files: config.files });
  await server.register(cannedRoutes, { auth, canned });
  await server.register(noteRoutes, { auth, notes });
  await server.register(visitorContextRoutes, { auth, context: visitorContext });
  await server.register(webRoutes, { staticDir: config.staticDir, desk });
  server.addHook('onClose', async () => hub.stop());
  const stopRetention = new RetentionJob(new RetentionRepository(deps.database.db), deps.clock, config.retentionDays, server.log).start();
  server.addHook('onClose', async () => stopRetention());

  return { server, desk, auth, audit, conversations, schedule, topics, hub, routing, presence, mail, inbox, bookings, canned, notes, participants, calls };
}
