/**
 * Report queries over a year of data: seeds 100,000 closed conversations with 500,000 messages
 * (the live tables), rebuilds the aggregate store from them, then times the report queries the
 * reports screen makes, on SQLite and on PostgreSQL, against the target of 500 ms. Reports read
 * only the aggregate store (and the waiting queue), never messages.
 *
 *   npx tsx bench/reports.ts [--conversations N] [--engines sqlite,postgres]
 *   npm run bench -- --only reports
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { AuditLog } from '../src/server/audit/audit-log';
import { AuditRepository } from '../src/server/audit/repository';
import { createAuthServices } from '../src/server/auth/module';
import { systemClock } from '../src/server/clock';
import { DEFAULT_TOPICS, loadConfig } from '../src/server/config';
import { migrateToLatest, openDatabase, type Database } from '../src/server/db/database';
import { loadDefaultDesk } from '../src/server/desks/service';
import { createInProcessBus } from '../src/server/events/bus';
import { moduleMigrations } from '../src/server/modules';
import { createReportService, type ReportService } from '../src/server/reports/service';
import { createScheduleService } from '../src/server/schedule/service';
import { postgresDatabase, sqliteDatabase, type BenchDatabase } from './server';

export const REPORT_TARGET_MS = 500;
const ENGINES = ['sqlite', 'postgres'] as const;
type Engine = (typeof ENGINES)[number];
const MESSAGES_PER_CONVERSATION = 5;
const STAFF = 12;
const RUNS = 5;
const INSERT_BATCH = 500;
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const LANGUAGES = ['pl', 'en', 'uk', 'ru'] as const;

export interface ReportTiming {
  query: string;
  ms: Partial<Record<Engine, number>>;
}

/** A seeded random number generator, so both engines get the same data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_BATCH) await insert(rows.slice(start, start + INSERT_BATCH));
}

async function seed(database: Database, deskId: string, staffIds: string[], conversations: number): Promise<void> {
  const next = random(13);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const yearStart = Date.parse(`${YEAR.from}T07:00:00Z`);
  for (let done = 0; done < conversations; done += 5_000) {
    const rows = [];
    const messages = [];
    for (let i = done; i < Math.min(conversations, done + 5_000); i += 1) {
      const created = yearStart + Math.floor(next() * 364) * 86_400_000 + Math.floor(next() * 9 * 3_600_000);
      const kind = next();
      const wait = Math.floor(next() * 900_000);
      const served = kind < 0.8;
      const at = (ms: number) => new Date(ms).toISOString();
      const id = randomUUID();
      rows.push({
        id,
        desk_id: deskId,
        visitor_token_hash: id,
        language: pick(LANGUAGES),
        topic: pick(DEFAULT_TOPICS),
        visitor_name: null,
        status: 'closed' as const,
        assignee_id: served ? pick(staffIds) : null,
        created_at: at(created),
        waiting_since: null,
        assigned_at: served ? at(created + wait) : null,
        first_reply_at: served ? at(created + wait + 60_000) : null,
        closed_at: at(created + wait + (served ? 900_000 : 0)),
        outcome: served ? ('answered' as const) : kind < 0.95 ? ('visitor_left' as const) : ('no_answer_possible' as const),
        last_seq: MESSAGES_PER_CONVERSATION,
        booking_id: null,
        call_kind: null,
        staff_read_seq: MESSAGES_PER_CONVERSATION,
        visitor_time_zone: null,
        device_hash: null,
      });
      for (let seq = 1; seq <= MESSAGES_PER_CONVERSATION; seq += 1) {
        messages.push({ conversation_id: id, seq, client_id: null, author: seq % 2 ? ('visitor' as const) : ('staff' as const), author_id: null, author_name: null, body: 'Dzień dobry, mam pytanie o kartę pobytu.', event: null, created_at: at(created + seq * 60_000), attachment_id: null });
      }
    }
    await insertInBatches(rows, (batch) => database.db.insertInto('conversations').values(batch).execute());
    await insertInBatches(messages, (batch) => database.db.insertInto('messages').values(batch).execute());
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return Math.round(performance.now() - start);
}

/** The screen's queries: a year by day, by language and per consultant, a quarter by week, one CSV, today's figures. */
function queries(reports: ReportService, deskId: string, names: Map<string, string>): [string, () => Promise<unknown>][] {
  return [
    ['report, a year grouped by day', () => reports.report(deskId, { ...YEAR, groupBy: 'day' }, names)],
    ['report, a year grouped by language, Ukrainian only', () => reports.report(deskId, { ...YEAR, groupBy: 'language', language: 'uk' }, names)],
    ['report, a quarter grouped by week', () => reports.report(deskId, { from: '2025-04-01', to: '2025-06-30', groupBy: 'week' }, names)],
    ['CSV, a year per consultant', () => reports.csv(deskId, YEAR, 'per_consultant', names)],
    ["today's live figures", () => reports.liveFigures(deskId)],
  ];
}

async function measureEngine(engine: Engine, conversations: number, log: (text: string) => void): Promise<{ rebuildMs: number; timings: [string, number][] }> {
  const target: BenchDatabase = engine === 'sqlite' ? sqliteDatabase() : await postgresDatabase(process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
  const database = openDatabase(target.url);
  const bus = createInProcessBus();
  try {
    await migrateToLatest(database.db, moduleMigrations);
    // RETENTION_DAYS=0: the seeded year lies in the past, and the rebuild recounts only days retention has not emptied.
    const config = loadConfig({ ...process.env, DATABASE_URL: target.url, LOG_LEVEL: 'silent', RETENTION_DAYS: '0' });
    const desk = await loadDefaultDesk(database, config, systemClock);
    const audit = new AuditLog(new AuditRepository(database.db), systemClock);
    const { auth } = createAuthServices(database.db, bus, systemClock, config, audit, pino({ level: 'silent' }));
    const staff = [];
    for (let i = 0; i < STAFF; i += 1) {
      staff.push(await auth.addUser({ deskId: desk.id, email: `bench${i}@example.org`, name: `Consultant ${i}`, role: 'consultant', languages: ['pl'], password: 'bench passphrase 12' }));
    }
    log(`${engine}: seeding ${conversations} conversations, ${conversations * MESSAGES_PER_CONVERSATION} messages`);
    await seed(database, desk.id, staff.map((member) => member.id), conversations);
    const reports = createReportService(database, config, systemClock, desk.timeZone, createScheduleService(database, config, systemClock, audit));
    log(`${engine}: rebuilding the aggregate store from the live tables`);
    const rebuildMs = await timed(() => reports.rebuild(desk.id, YEAR.from, YEAR.to));
    const names = new Map(staff.map((member) => [member.id, member.name]));
    const timings: [string, number][] = [];
    for (const [name, query] of queries(reports, desk.id, names)) {
      await query(); // warm-up: statement caches, page cache
      const runs = [];
      for (let run = 0; run < RUNS; run += 1) runs.push(await timed(query));
      timings.push([name, median(runs)]);
    }
    return { rebuildMs, timings };
  } finally {
    await bus.close();
    await database.close();
    await target.drop();
  }
}

/** Times the report queries on each engine; the figures are medians of five runs after a warm-up. */
export async function measureReports(engines: readonly Engine[], conversations: number, log: (text: string) => void): Promise<ReportTiming[]> {
  const byQuery = new Map<string, ReportTiming>();
  const row = (query: string) => byQuery.get(query) ?? byQuery.set(query, { query, ms: {} }).get(query)!;
  for (const engine of engines) {
    const { rebuildMs, timings } = await measureEngine(engine, conversations, log);
    for (const [query, ms] of timings) row(query).ms[engine] = ms;
    row('rebuild of the year from the live tables (admin CLI)').ms[engine] = rebuildMs;
  }
  return [...byQuery.values()];
}

export function renderReportTimings(timings: ReportTiming[], conversations: number): string {
  const lines = [`Reports over ${conversations} conversations / ${conversations * MESSAGES_PER_CONVERSATION} messages (median of ${RUNS}, ms)`, `| query | SQLite | PostgreSQL | target |`, '| --- | --- | --- | --- |'];
  for (const { query, ms } of timings) {
    const rebuild = query.startsWith('rebuild');
    const cell = (value: number | undefined) => (value === undefined ? '–' : `${value}${rebuild ? '' : value <= REPORT_TARGET_MS ? ' ✓' : ' ✗'}`);
    lines.push(`| ${query} | ${cell(ms.sqlite)} | ${cell(ms.postgres)} | ${rebuild ? '' : `< ${REPORT_TARGET_MS}`} |`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { conversations: { type: 'string', default: '100000' }, engines: { type: 'string', default: ENGINES.join(',') } } });
  const conversations = Number(values.conversations);
  const engines = values.engines.split(',') as Engine[];
  measureReports(engines, conversations, (text) => console.error(`[bench] ${text}`)).then(
    (timings) => console.log(renderReportTimings(timings, conversations)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
