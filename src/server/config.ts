/**
 * Configuration: read once from the environment at start-up, validated, typed and frozen, then
 * passed in. No other module reads process.env. The README's configuration table mirrors this.
 */
import { isIP } from 'node:net';
import { dirname } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import * as z from 'zod';
import { STAFF_LANGUAGES, UI_LANGUAGES, type UiLanguage } from '../shared/languages';
import { FILE_TYPES, ROUTING_MODES, STAFF_ROLES, type FileType, type RoutingSettings, type WeeklyInterval } from '../shared/protocol';
import { parseWeeklyHours } from './schedule/weekly-hours';

export const DEFAULT_TOPICS = [
  'temporary_residence',
  'permanent_residence',
  'work',
  'legal_stay',
  'residence_card',
  'case_status',
  'filing',
  'citizenship',
  'eu_citizens',
  'appeals',
  'registration',
  'special_rules',
  'rights_support',
  'office',
  'other',
] as const;

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Where clamd listens (CLAMAV_URL): `tcp://host:port` or `unix:/path/to/clamd.ctl`. */
export type ClamdAddress = { host: string; port: number } | { path: string };

/** `CLAMAV_URL` → an address, or null when it is not one. */
export function parseClamdUrl(url: string): ClamdAddress | null {
  const unix = /^unix:(\/[^\0]+)$/.exec(url);
  if (unix) return { path: unix[1]! };
  const tcp = /^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[^:/\s[\]]+):(\d{1,5})\/?$/.exec(url);
  if (!tcp) return null;
  const port = Number(tcp[2]);
  if (port < 1 || port > 65_535) return null;
  return { host: tcp[1]!.replace(/^\[|\]$/g, ''), port };
}

const booleanString = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** A calendar date written YYYY-MM-DD that exists (no 2026-02-30). */
function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Which hops in front of the server may set X-Forwarded-*: none, a hop count (`true` is one), or
 * proxy addresses/CIDRs. Never "every hop": then the client's own X-Forwarded-For picks its address.
 */
const trustProxy = z.string().transform((value, ctx): false | number | string[] => {
  if (value === 'false' || value === '0') return false;
  if (value === 'true') return 1;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const proxies = list(value);
  const wrong = proxies.filter((proxy) => !isProxyAddress(proxy));
  if (wrong.length === 0 && proxies.length > 0) return proxies;
  ctx.addIssue({ code: 'custom', message: `must be false, a hop count, or proxy addresses/CIDRs (not ${wrong.join(', ') || 'empty'})` });
  return z.NEVER;
});

function isProxyAddress(value: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(value)) return true;
  const [address = '', prefix, ...rest] = value.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

const isoDate = z.string().refine(isIsoDate, 'is not a date written YYYY-MM-DD');
/** Dates written YYYY-MM-DD, separated by commas. */
const isoDateList = z.string().transform(list).pipe(z.array(isoDate));

/** True for an IANA time zone id that this runtime's Intl knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LISTEN_BACKLOG: z.coerce.number().int().min(1).max(65_535).default(4096),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/e-konsultant.db')
    .refine((url) => /^(sqlite:|postgres(ql)?:\/\/)/.test(url), 'must start with sqlite: or postgres://'),
  REDIS_URL: z
    .string()
    .refine((url) => /^rediss?:\/\//.test(url), 'must start with redis:// or rediss://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DESK_NAME: z.string().min(1).max(120).default('e-Konsultant'),
  OFFICE_TIME_ZONE: z.string().default('Europe/Warsaw').refine(isTimeZone, 'is not an IANA time zone'),
  OFFICE_HOURS: z
    .string()
    .default('mon-fri 11:00-14:00')
    .transform((value, ctx) => {
      try {
        return parseWeeklyHours(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  LAST_ENTRY_MINUTES: z.coerce.number().int().min(0).max(240).default(10),
  SERVICE_START: isoDate.optional(),
  SERVICE_END: isoDate.optional(),
  HOLIDAYS: z.enum(['pl', 'none']).default('pl'),
  HOLIDAYS_EXTRA: isoDateList.default([]),
  HOLIDAYS_REMOVED: isoDateList.default([]),
  // By default the languages the staff apps are translated into too; an office adds any other
  // language in languages.json here (a visitor language awaiting native review is never a default).
  LANGUAGES: z
    .string()
    .default(STAFF_LANGUAGES.join(','))
    .transform(list)
    .pipe(z.array(z.enum(UI_LANGUAGES)).min(1)),
  DEFAULT_LANGUAGE: z.enum(UI_LANGUAGES).default('pl'),
  TOPICS: z
    .string()
    .default(DEFAULT_TOPICS.join(','))
    .transform(list)
    .pipe(z.array(z.string().regex(/^[a-z0-9_-]{1,40}$/)).min(1)),
  MAX_MESSAGE_LENGTH: z.coerce.number().int().min(1).max(20_000).default(4000),
  MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  CONVERSATIONS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  PDF_TRANSCRIPTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  LOGINS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  WS_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(200),
  WS_CONNECTIONS_PER_TOKEN: z.coerce.number().int().min(1).max(1000).default(10),
  PASSWORD_HASHES_AT_ONCE: z.coerce.number().int().min(1).max(64).default(2),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  DATABASE_WAITING_MAX: z.coerce.number().int().min(0).max(100_000).default(200),
  LEFT_MESSAGES_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  CASE_CODE_ATTEMPTS_PER_HOUR: z.coerce.number().int().min(1).max(1_000).default(20),
  CASE_CODE_FAILURES_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(1_000),
  POW_HMAC_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  POW_MAX_NUMBER: z.coerce.number().int().min(10).max(10_000_000).default(50_000),
  POW_CEILING_FACTOR: z.coerce.number().int().min(1).max(100).default(3),
  POW_CHALLENGE_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  STAFF_SESSION_HOURS: z.coerce.number().min(1).max(24 * 30).default(12),
  STAFF_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(30),
  STAFF_REAUTH_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(10),
  // `none` rather than empty: an empty value means "not set" (withoutEmptyValues), i.e. the secure default.
  STAFF_2FA_REQUIRED_ROLES: z
    .string()
    .default('admin,supervisor')
    .transform((value) => (value.trim() === 'none' ? [] : list(value)))
    .pipe(z.array(z.enum(STAFF_ROLES))),
  TRUST_PROXY: trustProxy.default(false),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  STATIC_DIR: z.string().default('dist/web'),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  FILE_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  FILE_TYPES: z
    .string()
    .default(FILE_TYPES.join(','))
    .transform(list)
    .pipe(z.array(z.enum(FILE_TYPES)).min(1)),
  FILES_PER_CONVERSATION: z.coerce.number().int().min(0).max(1000).default(20),
  FILE_BYTES_PER_CONVERSATION: z.coerce.number().int().min(1024).max(10 * 1024 ** 3).default(50 * 1024 * 1024),
  FILE_BYTES_PER_IP_PER_DAY: z.coerce.number().int().min(1024).max(100 * 1024 ** 3).default(200 * 1024 * 1024),
  UPLOAD_MIN_FREE_BYTES: z.coerce.number().int().min(0).max(2 ** 53 - 1).default(1024 ** 3),
  FREE_SPACE_PATH: z.string().min(1).optional(),
  CLAMAV_URL: z
    .string()
    .refine((url) => parseClamdUrl(url) !== null, 'must be tcp://host:port or unix:/path/to/clamd.ctl')
    .optional(),
  CLAMAV_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  CLAMAV_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(365),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(730),
  REPORT_MIN_GROUP: z.coerce.number().int().min(1).max(1000).default(5),
  BOOKING_DAYS_AHEAD: z.coerce.number().int().min(1).max(90).default(14),
  BOOKING_SLOT_MINUTES: z.coerce.number().int().min(5).max(240).default(20),
  BOOKING_SLOTS_PER_PERIOD: z.coerce.number().int().min(0).max(100).default(1),
  BOOKING_MIN_NOTICE_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(30),
  BOOKING_REMINDER_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  BOOKING_MOVES_MAX: z.coerce.number().int().min(0).max(100).default(3),
  BOOKINGS_PER_EMAIL: z.coerce.number().int().min(1).max(1000).default(2),
  BOOKINGS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(10),
  OUTBOX_SEALING_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  MAILS_PER_RECIPIENT_PER_DAY: z.coerce.number().int().min(1).max(100_000).default(10),
  PUBLIC_URL: z
    .string()
    .default('http://localhost:3000')
    .refine((url) => /^https?:\/\/[^/?#]+\/?$/.test(url), 'must be the site origin, e.g. https://konsultant.urzad.example'),
  EMBED_ORIGINS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((origin) => origin.trim().replace(/\/$/, '')).filter(Boolean))
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/?#]+$/, 'each must be a site origin, e.g. https://www.urzad.example'))),
  SMTP_URL: z
    .string()
    .refine((url) => /^smtps?:\/\/[^/?#]+/.test(url), 'must start with smtp:// or smtps://')
    .optional(),
  ROUTING_MODE: z.enum(ROUTING_MODES).default('auto'),
  ROUTING_OFFER_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(600).default(30),
  ROUTING_DISCONNECT_GRACE_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  MAIL_FROM: z.string().default('e-Konsultant <no-reply@localhost>'),
  CALLS_VISITOR_MAY_START: booleanString.default(false),
  STUN_URLS: z.string().default('').transform(list).pipe(z.array(z.string().regex(/^stuns?:[^\s,]+$/, 'must be stun: or stuns: URLs'))),
  TURN_URLS: z.string().default('').transform(list).pipe(z.array(z.string().regex(/^turns?:[^\s,]+$/, 'must be turn: or turns: URLs'))),
  TURN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(600).default(600),
  CALL_RING_SECONDS: z.coerce.number().int().min(2).max(300).default(30),
  CALL_VIDEO_WIDTH: z.coerce.number().int().min(160).max(1920).default(640),
  CALL_VIDEO_HEIGHT: z.coerce.number().int().min(90).max(1080).default(360),
  CALL_VIDEO_FPS: z.coerce.number().int().min(5).max(30).default(15),
  CALL_VIDEO_MAX_KBPS: z.coerce.number().int().min(50).max(5000).default(500),
  TRANSLATION_ENGINE: z.enum(['apertium', 'libretranslate']).optional(),
  TRANSLATION_URL: z
    .string()
    .refine((url) => /^https?:\/\/[^/?#]+/.test(url), 'must be the engine\'s http:// or https:// address')
    .optional(),
  TRANSLATION_API_KEY: z.string().optional(),
  TRANSLATION_PATIENCE_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  TRANSLATION_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  TRANSLATION_AUTO_LANGUAGES: z.string().default('').transform(list).pipe(z.array(z.string().regex(/^[a-z]{2,3}$/))),
  TRANSLATION_STAFF_LANGUAGE: z.string().regex(/^[a-z]{2,3}$/).optional(),
});

export type Config = Readonly<{
  port: number;
  host: string;
  /**
   * Connections the kernel holds until the server accepts them. Node's 511 overflows when
   * thousands of clients come back at once after a restart, and each dropped one waits out a
   * SYN retransmission (1 s, then 3 s, 7 s…); the kernel caps it at net.core.somaxconn.
   */
  listenBacklog: number;
  databaseUrl: string;
  /** PostgreSQL connections per instance. */
  databasePoolSize: number;
  /** Frames and API requests waiting for a connection beyond the pool; more are refused with busy. */
  databaseWaitingMax: number;
  /** Set when several instances share events and rate limits through Redis. */
  redisUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  desk: Readonly<{
    name: string;
    timeZone: string;
    hours: readonly WeeklyInterval[];
    languages: readonly UiLanguage[];
    defaultLanguage: UiLanguage;
    topics: readonly string[];
  }>;
  /** Everything the desk's schedule needs beyond the weekly hours (src/server/schedule). */
  schedule: Readonly<{
    /** No new conversations in the last N minutes before closing. */
    lastEntryMinutes: number;
    /** The service period, YYYY-MM-DD inclusive in the office's time zone; null: open-ended. */
    serviceStart: string | null;
    serviceEnd: string | null;
    /** Whose public holidays close the desk: Poland's, or none (only HOLIDAYS_EXTRA). */
    holidays: 'pl' | 'none';
    /** Days closed as public holidays besides the calendar's (YYYY-MM-DD). */
    holidaysExtra: readonly string[];
    /** Calendar holidays on which the desk is open after all (YYYY-MM-DD). */
    holidaysRemoved: readonly string[];
  }>;
  /** Booked calls (src/server/bookings; docs/bookings.md has the capacity rule). */
  booking: Readonly<{
    /** Slots are offered from today to this many days ahead. */
    daysAhead: number;
    slotMinutes: number;
    /** Bookings one slot takes at most (further capped by the active staff; 0 turns booking off). */
    perSlot: number;
    /** Slots starting sooner than this are not offered. */
    minNoticeMinutes: number;
    /** How often each instance sends the reminders and follow-ups that are due. */
    reminderSweepSeconds: number;
    /** Moves of one booking at most (each sends an e-mail). */
    movesMax: number;
    /** Live bookings (slot not ended, not cancelled) one e-mail address holds at most. */
    perEmail: number;
    /** Live bookings one client network (IPv6: /64) holds at most. */
    perClient: number;
  }>;
  limits: Readonly<{
    maxMessageLength: number;
    /** Per sender (visitor conversation or staff member). */
    messagesPerMinute: number;
    /** Per client IP. */
    conversationsPerMinute: number;
    /** PDF transcripts per client IP: each costs the server a font's layout, unlike the plain text. */
    pdfTranscriptsPerMinute: number;
    /** Sign-in attempts per client IP. */
    loginsPerMinute: number;
    /** Messages left (each sends an e-mail) per client IP. */
    leftMessagesPerHour: number;
    /** Case codes tried per client address (IPv6: per /64), right or wrong. */
    caseCodeAttemptsPerHour: number;
    /** Wrong case codes tried on the whole desk, from any address; past it every attempt waits (guessing stays hopeless). */
    caseCodeFailuresPerHour: number;
    /** Open WebSockets per client address (IPv6: per /64) on one instance. */
    socketsPerAddress: number;
    /** Open WebSockets per visitor token or staff session on one instance. */
    socketsPerToken: number;
    /** argon2 hashes running at once (each holds a libuv thread and 64 MiB); more are refused with busy. */
    passwordHashesAtOnce: number;
  }>;
  /** The proof-of-work challenge a visitor's client over a per-address limit solves to go on (src/server/proof-of-work). */
  proofOfWork: Readonly<{
    /** Signs challenges on every instance: POW_HMAC_KEY, else a random key stored once in the database. */
    hmacKey: string | undefined;
    /** The counter a solver looks for is drawn from 1..maxNumber: the work, on average half of it in SHA-256 hashes. */
    maxNumber: number;
    /** Solved challenges let a client through up to this multiple of a limit; beyond it, `rate_limited`. */
    ceilingFactor: number;
    /** A challenge (and its solution) is good for this long. */
    challengeSeconds: number;
  }>;
  staffSessionHours: number;
  /** A staff session not used (a request, or a frame the person's console sends) for this long is over. */
  staffSessionIdleMinutes: number;
  /** Admin changes need the password given (at sign-in or again) within this time. */
  staffReauthMinutes: number;
  /** Roles that must have a second factor (TOTP or passkey) to sign in; consultants also by the desk's policy. */
  staffTwoFactorRequiredRoles: readonly (typeof STAFF_ROLES)[number][];
  /** Fastify's trustProxy: false, how many proxy hops, or the proxies' addresses/CIDRs. */
  trustProxy: false | number | readonly string[];
  cookieSecure: 'auto' | boolean;
  staticDir: string;
  /** A request (headers and body) not received in full within this time is answered 408. */
  requestTimeoutSeconds: number;
  /** Files in conversations (src/server/files); the types are a subset of FILE_TYPES. */
  files: Readonly<{
    maxBytes: number;
    types: readonly FileType[];
    perConversation: number;
    /** Bytes of files one conversation holds at most. */
    bytesPerConversation: number;
    /** Bytes a visitor's address (IPv6: its /64) uploads per day at most, on one instance. */
    bytesPerAddressPerDay: number;
    /** clamd (CLAMAV_URL); null: uploads are not scanned. Pending files are scanned again every `retrySeconds`. */
    virusScan: Readonly<{ address: ClamdAddress; timeoutMs: number; retrySeconds: number }> | null;
    /** Uploads are refused (storage_full) while the volume of `freeSpacePath` has less free; 0: no check. */
    minFreeBytes: number;
    /** A path on the volume that holds the data: FREE_SPACE_PATH, else the SQLite file's folder, else the working directory. */
    freeSpacePath: string;
  }>;
  /** The visitors' personal data (conversations, left messages, bookings, comments, mails) is deleted this many days after it ends or goes quiet; 0 keeps it. */
  retentionDays: number;
  /** Audit log entries are deleted this many days after they were written; 0 keeps them. */
  auditRetentionDays: number;
  /** Rows of an exported report about fewer people than this are blanked. */
  reportMinGroup: number;
  /** The site's origin as visitors reach it, for absolute links in e-mails (no trailing slash). */
  publicUrl: string;
  /** Sites allowed to frame the visitor page (the widget; CSP frame-ancestors) and read the widget's status. */
  embedOrigins: readonly string[];
  /** Routing defaults until an admin saves the desk's own (src/server/routing, docs/routing.md). */
  routing: Readonly<RoutingSettings>;
  /** Outgoing e-mail; smtpUrl undefined: mail is off (src/server/mail). */
  mail: Readonly<{
    smtpUrl: string | undefined;
    from: string;
    /** Mails to one address per UTC day at most, counted in the database (all instances). */
    perRecipientPerDay: number;
    /**
     * Seals private-link tokens in stored mails: OUTBOX_SEALING_KEY, else derived from DATABASE_URL
     * (which a copy of the database does not contain; production sets its own key).
     */
    sealingKey: string;
    /** No OUTBOX_SEALING_KEY: the key is derived from DATABASE_URL, which many copies of the database sit next to. */
    sealingKeyDerived: boolean;
  }>;
  /** Voice and video calls (src/server/calls; docs/calls.md). */
  calls: Readonly<{
    /** False: the visitor may ask for a call and the consultant starts it. */
    visitorMayStart: boolean;
    stunUrls: readonly string[];
    turnUrls: readonly string[];
    /** coturn's static-auth-secret; per-call credentials are derived from it, it never leaves the server. */
    turnSecret: string | undefined;
    /** Lifetime of issued TURN credentials (at most 10 minutes). */
    turnTtlSeconds: number;
    /** A call nobody answers within this time is missed. */
    ringSeconds: number;
    video: Readonly<{ width: number; height: number; frameRate: number; maxBitrateKbps: number }>;
  }>;
  /** Machine translation of conversations (src/server/translation; docs/translation.md); no engine: off and hidden. */
  translation: Readonly<{
    engine: 'apertium' | 'libretranslate' | undefined;
    url: string | undefined;
    apiKey: string | undefined;
    patienceMs: number;
    timeoutMs: number;
    autoLanguages: readonly string[];
    /** The consultants' language for conversations translated by default. */
    defaultStaffLanguage: string;
  }>;
}>;

/** The folder of a SQLite file (`:memory:` and PostgreSQL: the working directory). */
function defaultFreeSpacePath(databaseUrl: string): string {
  const file = databaseUrl.startsWith('sqlite:') ? databaseUrl.slice('sqlite:'.length) : ':memory:';
  return file === ':memory:' ? '.' : dirname(file);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `PORT=` in an env file means "not set", as in most tools, not "zero". */
function withoutEmptyValues(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])));
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  if (!e.LANGUAGES.includes(e.DEFAULT_LANGUAGE)) {
    throw new ConfigError([`DEFAULT_LANGUAGE: ${e.DEFAULT_LANGUAGE} is not in LANGUAGES (${e.LANGUAGES.join(',')})`]);
  }
  if (e.TURN_URLS.length > 0 && !e.TURN_SECRET) {
    throw new ConfigError(['TURN_SECRET: required when TURN_URLS is set (coturn use-auth-secret)']);
  }
  if (Boolean(e.TRANSLATION_ENGINE) !== Boolean(e.TRANSLATION_URL)) {
    throw new ConfigError(['TRANSLATION_ENGINE and TRANSLATION_URL: set both to turn machine translation on, or neither']);
  }
  if (e.SERVICE_START && e.SERVICE_END && e.SERVICE_END < e.SERVICE_START) {
    throw new ConfigError([`SERVICE_END: ${e.SERVICE_END} is before SERVICE_START (${e.SERVICE_START})`]);
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    listenBacklog: e.LISTEN_BACKLOG,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databaseWaitingMax: e.DATABASE_WAITING_MAX,
    redisUrl: e.REDIS_URL || undefined,
    logLevel: e.LOG_LEVEL,
    desk: Object.freeze({
      name: e.DESK_NAME,
      timeZone: e.OFFICE_TIME_ZONE,
      hours: Object.freeze(e.OFFICE_HOURS.map((interval) => Object.freeze(interval))),
      languages: Object.freeze([...new Set(e.LANGUAGES)]),
      defaultLanguage: e.DEFAULT_LANGUAGE,
      topics: Object.freeze([...new Set(e.TOPICS)]),
    }),
    schedule: Object.freeze({
      lastEntryMinutes: e.LAST_ENTRY_MINUTES,
      serviceStart: e.SERVICE_START ?? null,
      serviceEnd: e.SERVICE_END ?? null,
      holidays: e.HOLIDAYS,
      holidaysExtra: Object.freeze([...new Set(e.HOLIDAYS_EXTRA)]),
      holidaysRemoved: Object.freeze([...new Set(e.HOLIDAYS_REMOVED)]),
    }),
    booking: Object.freeze({
      daysAhead: e.BOOKING_DAYS_AHEAD,
      slotMinutes: e.BOOKING_SLOT_MINUTES,
      perSlot: e.BOOKING_SLOTS_PER_PERIOD,
      minNoticeMinutes: e.BOOKING_MIN_NOTICE_MINUTES,
      reminderSweepSeconds: e.BOOKING_REMINDER_SWEEP_SECONDS,
      movesMax: e.BOOKING_MOVES_MAX,
      perEmail: e.BOOKINGS_PER_EMAIL,
      perClient: e.BOOKINGS_PER_IP,
    }),
    limits: Object.freeze({
      maxMessageLength: e.MAX_MESSAGE_LENGTH,
      messagesPerMinute: e.MESSAGES_PER_MINUTE,
      conversationsPerMinute: e.CONVERSATIONS_PER_MINUTE,
      pdfTranscriptsPerMinute: e.PDF_TRANSCRIPTS_PER_MINUTE,
      loginsPerMinute: e.LOGINS_PER_MINUTE,
      leftMessagesPerHour: e.LEFT_MESSAGES_PER_HOUR,
      caseCodeAttemptsPerHour: e.CASE_CODE_ATTEMPTS_PER_HOUR,
      caseCodeFailuresPerHour: e.CASE_CODE_FAILURES_PER_HOUR,
      passwordHashesAtOnce: e.PASSWORD_HASHES_AT_ONCE,
      socketsPerAddress: e.WS_CONNECTIONS_PER_IP,
      socketsPerToken: e.WS_CONNECTIONS_PER_TOKEN,
    }),
    proofOfWork: Object.freeze({
      hmacKey: e.POW_HMAC_KEY,
      maxNumber: e.POW_MAX_NUMBER,
      ceilingFactor: e.POW_CEILING_FACTOR,
      challengeSeconds: e.POW_CHALLENGE_SECONDS,
    }),
    staffSessionHours: e.STAFF_SESSION_HOURS,
    staffSessionIdleMinutes: e.STAFF_SESSION_IDLE_MINUTES,
    staffReauthMinutes: e.STAFF_REAUTH_MINUTES,
    staffTwoFactorRequiredRoles: Object.freeze([...new Set(e.STAFF_2FA_REQUIRED_ROLES)]),
    trustProxy: Array.isArray(e.TRUST_PROXY) ? Object.freeze(e.TRUST_PROXY) : e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    staticDir: e.STATIC_DIR,
    requestTimeoutSeconds: e.REQUEST_TIMEOUT_SECONDS,
    files: Object.freeze({
      maxBytes: e.FILE_MAX_BYTES,
      types: Object.freeze([...new Set(e.FILE_TYPES)]),
      perConversation: e.FILES_PER_CONVERSATION,
      bytesPerConversation: e.FILE_BYTES_PER_CONVERSATION,
      bytesPerAddressPerDay: e.FILE_BYTES_PER_IP_PER_DAY,
      minFreeBytes: e.UPLOAD_MIN_FREE_BYTES,
      freeSpacePath: e.FREE_SPACE_PATH ?? defaultFreeSpacePath(e.DATABASE_URL),
      virusScan: e.CLAMAV_URL ? Object.freeze({ address: parseClamdUrl(e.CLAMAV_URL)!, timeoutMs: e.CLAMAV_TIMEOUT_MS, retrySeconds: e.CLAMAV_RETRY_SECONDS }) : null,
    }),
    retentionDays: e.RETENTION_DAYS,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    reportMinGroup: e.REPORT_MIN_GROUP,
    publicUrl: e.PUBLIC_URL.replace(/\/$/, ''),
    embedOrigins: Object.freeze(e.EMBED_ORIGINS),
    routing: Object.freeze({
      mode: e.ROUTING_MODE,
      offerTimeoutSeconds: e.ROUTING_OFFER_TIMEOUT_SECONDS,
      disconnectGraceSeconds: e.ROUTING_DISCONNECT_GRACE_SECONDS,
    }),
    mail: Object.freeze({ smtpUrl: e.SMTP_URL || undefined, from: e.MAIL_FROM, perRecipientPerDay: e.MAILS_PER_RECIPIENT_PER_DAY, sealingKey: e.OUTBOX_SEALING_KEY ?? `database:${e.DATABASE_URL}`, sealingKeyDerived: e.OUTBOX_SEALING_KEY === undefined }),
    calls: Object.freeze({
      visitorMayStart: e.CALLS_VISITOR_MAY_START,
      stunUrls: Object.freeze(e.STUN_URLS),
      turnUrls: Object.freeze(e.TURN_URLS),
      turnSecret: e.TURN_SECRET,
      turnTtlSeconds: e.TURN_TTL_SECONDS,
      ringSeconds: e.CALL_RING_SECONDS,
      video: Object.freeze({ width: e.CALL_VIDEO_WIDTH, height: e.CALL_VIDEO_HEIGHT, frameRate: e.CALL_VIDEO_FPS, maxBitrateKbps: e.CALL_VIDEO_MAX_KBPS }),
    }),
    translation: Object.freeze({
      engine: e.TRANSLATION_ENGINE,
      url: e.TRANSLATION_URL?.replace(/\/$/, ''),
      apiKey: e.TRANSLATION_API_KEY,
      patienceMs: e.TRANSLATION_PATIENCE_MS,
      timeoutMs: e.TRANSLATION_TIMEOUT_MS,
      autoLanguages: Object.freeze([...new Set(e.TRANSLATION_AUTO_LANGUAGES)]),
      defaultStaffLanguage: e.TRANSLATION_STAFF_LANGUAGE ?? e.DEFAULT_LANGUAGE,
    }),
  });
}
