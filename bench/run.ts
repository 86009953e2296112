/**
 * `npm run bench [-- options]`: drives real WebSocket clients on loopback against real server
 * processes and prints one table of figures against the targets. See USAGE.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureVisitorBundle } from './bundle-size';
import { measureReports, renderReportTimings } from './reports';
import { measureHelpSearch, type HelpSearchResult } from './help-search';
import { openWaitingVisitors, setupDesk, setupFloor, type DeskSetup, type RoundTripVisitor, type RoundTripWorld } from './clients';
import { measureRoundTrips, measureSaturation, measureSequential, measureStarts, type LatencySummary, type RoundTripPlan } from './load';
import { measureIdleConnections, type MemoryResult } from './memory';
import { summarizeProfiles } from './profile';
import { measureRecovery } from './recovery';
import { measureTranslation, type TranslationResult } from './translation';
import { MODE_LABELS, MODES, renderReport, writeJson, type BenchResults, type FloorResult, type ModeName, type ModeResult } from './report';
import { startPrivatePostgres, startPrivateRedis } from './private-services';
import { measureStorm, renderStorm, type StormCase, type StormPlan } from './storm';
import { checkRedis, cpuMeter, cpuSeconds, postgresDatabase, REPO_ROOT, serverBundle, sqliteDatabase, startFloorRelay, startServer, type BenchProcess } from './server';
import { measureQueueGrowth } from './queue';
import { measureSlowNetworks } from './slow-network';
import { measureStartup } from './startup';

const MEASUREMENTS = ['sequential', 'roundtrip', 'floor', 'saturation', 'starts', 'memory', 'bundle', 'recovery', 'reports', 'help', 'queue', 'startup', 'slownet', 'storm', 'translation'] as const;
type Measurement = (typeof MEASUREMENTS)[number];

const USAGE = `npm run bench -- [--quick] [--only ${MEASUREMENTS.join(',')}] [--modes ${MODES.join(',')}]
                    [--conversations N] [--duration SECONDS] [--max-idle N] [--storm-visitors N] [--storm-runs N]
                    [--cpu-prof]
--only and --modes take one name or a comma-separated list. --cpu-prof writes the servers' V8 CPU
profiles to bench/results/profiles/ and prints where their time went. The storm (bench/storm.ts) kills
every instance with SIGKILL under traffic and starts it again, on SQLite (1 instance) and on
PostgreSQL + Redis (2 instances, on a PostgreSQL cluster and a Redis of its own like recovery's),
--storm-runs times each on one desk (default 3, --quick 1), and prints the median beside each run.
Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; a fresh database is
created on that server for each PostgreSQL mode and dropped), BENCH_REDIS_URL (default
redis://127.0.0.1:6379). The server's pub/sub channel and rate-limit keys have fixed names, so on a
machine where tests also use that Redis, point BENCH_REDIS_URL at a Redis of the bench's own.
recovery runs two instances on a PostgreSQL cluster and a Redis of its own (initdb and redis-server
on free ports, removed afterwards), because it stops and restarts them.
translation needs Apertium APY with the eng-spa pair at BENCH_APERTIUM_URL (default TEST_APERTIUM_URL,
else http://127.0.0.1:2737; start it with \`apertium-apy -p 2737 /usr/share/apertium/modes\`).`;

/** The storm's cases, and the time limit each of their runs adds to the bench's. */
const STORM_MODES = ['sqlite', 'pg2'] as const;
const STORM_RUN_MINUTES = 10;

/** Conversations per consultant socket (there is no capacity limit yet; this keeps it realistic). */
const PER_CONSULTANT = 50;

const OPTIONS = {
  quick: { type: 'boolean', default: false },
  only: { type: 'string' },
  modes: { type: 'string' },
  conversations: { type: 'string' },
  duration: { type: 'string' },
  'max-idle': { type: 'string' },
  'storm-visitors': { type: 'string' },
  'storm-runs': { type: 'string' },
  'cpu-prof': { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T[] {
  if (value === undefined) return [...allowed];
  const picked = value.split(',').map((v) => v.trim());
  const unknown = picked.filter((v) => !allowed.includes(v as T));
  if (unknown.length) throw new Error(`unknown --${name} ${unknown.join(',')}: one of ${allowed.join(', ')}`);
  return picked as T[];
}

function plan(args: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values']) {
  const quick = args.quick;
  const only = pick(args.only, MEASUREMENTS, 'only');
  const modes = pick(args.modes, MODES, 'modes');
  const stormRuns = Math.round(positive(args['storm-runs'], 'storm-runs', quick ? 1 : 3));
  const conversations = Math.round(positive(args.conversations, 'conversations', quick ? 100 : 1_000));
  const maxIdle = Math.round(positive(args['max-idle'], 'max-idle', quick ? 1_000 : 20_000));
  return {
    quick,
    only,
    modes,
    conversations,
    roundTrip: {
      intervalMs: 5_000,
      warmupMs: quick ? 2_000 : 5_000,
      durationMs: positive(args.duration, 'duration', quick ? 5 : 30) * 1000,
      drainMs: 5_000,
    } satisfies RoundTripPlan,
    saturation: { visitors: quick ? 50 : 100, window: 8, warmupMs: quick ? 1_000 : 3_000, durationMs: quick ? 3_000 : 15_000, drainMs: 5_000 },
    starts: quick ? 30 : 200,
    helpArticles: quick ? 200 : 2_000,
    startups: quick ? 3 : 5,
    queue: { levels: quick ? [0, 200, 1_000] : [0, 1_000, 10_000], starts: quick ? 50 : 200, listeners: 50 },
    // Enough that the CPU they cost is read to a few per cent: /proc counts it in 10 ms steps.
    sequential: quick ? 200 : 3_000,
    recovery: { takes: quick ? 40 : 100, clients: quick ? 100 : 500 },
    storm: {
      visitors: Math.round(positive(args['storm-visitors'], 'storm-visitors', quick ? 200 : 2_000)),
      perConsultant: PER_CONSULTANT,
      messageIntervalMs: 20_000,
      beforeKillMs: quick ? 5_000 : 10_000,
      resumeLimitMs: 60_000,
      afterResumeMs: 5_000,
    } satisfies StormPlan,
    stormRuns,
    translatedMessages: quick ? 30 : 200,
    apertiumUrl: process.env.BENCH_APERTIUM_URL || process.env.TEST_APERTIUM_URL || 'http://127.0.0.1:2737',
    memorySteps: (quick ? [500, 1_000] : [2_000, 10_000]).filter((n) => n <= maxIdle),
    maxIdle,
    // Storms take long on a loaded machine: 40 sign-ins and 2,000 starts per case, then each run.
    timeLimitMs: ((quick ? 5 : 30) + (only.includes('storm') ? stormRuns * STORM_MODES.filter((m) => modes.includes(m)).length * STORM_RUN_MINUTES : 0)) * 60_000,
    databaseUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
    redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
    profileDir: args['cpu-prof'] ? join(REPO_ROOT, 'bench', 'results', 'profiles', new Date().toISOString().replace(/[:.]/g, '-')) : undefined,
  };
}

type Plan = ReturnType<typeof plan>;

// -- clean-up: every process and database the bench made goes, also on Ctrl-C or the time limit ---

type Task = () => unknown;
const cleanups: Task[] = [];

function onCleanup(task: Task): void {
  cleanups.push(task);
}

async function cleanUpTo(mark: number): Promise<void> {
  while (cleanups.length > mark) {
    try {
      await cleanups.pop()!();
    } catch (error) {
      console.error('[bench] clean-up failed:', (error as Error).message);
    }
  }
}

/** Runs `body`, then undoes whatever it registered for clean-up. */
async function scoped<T>(body: () => Promise<T>): Promise<T> {
  const mark = cleanups.length;
  try {
    return await body();
  } finally {
    await cleanUpTo(mark);
  }
}

const began = performance.now();
const progress = (text: string) => console.error(`[bench +${((performance.now() - began) / 1000).toFixed(0)}s] ${text}`);
function message(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const first = error.message.split('\n')[0]!;
  return error.cause ? `${first} (${message(error.cause)})` : first;
}

// -- measurements -------------------------------------------------------------------------------

/** Servers started for the measurement under way, whose warnings explain a failure. */
const servers: BenchProcess[] = [];

async function server(p: Plan, databaseUrl: string, redisUrl: string | undefined, name: string, env: Record<string, string> = {}): Promise<BenchProcess> {
  const cpuProfDir = p.profileDir && join(p.profileDir, name);
  if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });
  const started = await startServer({ databaseUrl, redisUrl, cpuProfDir, env });
  servers.push(started);
  onCleanup(() => started.stop());
  return started;
}

/** The error, with the last line each server logged (LOG_LEVEL=warn: only trouble). */
function explain(error: unknown): string {
  const logs = servers.map((s) => s.output().trim().split('\n').at(-1)?.slice(0, 400)).filter(Boolean);
  return [message(error), ...logs.map((line) => `server said: ${line}`)].join('\n    ');
}

/** Runs one measurement; a failure is reported under the table, not fatal to the run. */
async function attempt<T>(name: string, problems: string[], body: () => Promise<T>): Promise<T | undefined> {
  servers.length = 0;
  try {
    return await body();
  } catch (error) {
    problems.push(`${name}: ${explain(error)}`);
    return undefined;
  }
}

/** Round trips one after another, and the CPU microseconds the `pids` used for each: nothing else runs meanwhile. */
async function sequentialWithCpu(visitor: RoundTripVisitor, count: number, pids: number[]): Promise<Pick<FloorResult, 'sequential' | 'cpuPerRoundTripUs'>> {
  const cpu = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const before = cpu();
  const sequential = await measureSequential(visitor, count);
  return { sequential, cpuPerRoundTripUs: ((cpu() - before) / count) * 1e6 };
}

type FloorKind = 'bare' | 'sqlite' | 'postgres';

/** The bare relay, or a durable floor: the same relay committing each message to SQLite or PostgreSQL and acking it. */
async function measureFloor(p: Plan, kind: FloorKind): Promise<FloorResult> {
  return scoped(async () => {
    const database = kind === 'sqlite' ? sqliteDatabase() : kind === 'postgres' ? await postgresDatabase(p.databaseUrl) : undefined;
    if (database) onCleanup(() => database.drop());
    const relay = await startFloorRelay(database?.url);
    onCleanup(() => relay.stop());
    const world = await setupFloor(relay, p.conversations, PER_CONSULTANT);
    onCleanup(() => world.close());
    progress(`floor: ${p.conversations} pairs on the ${kind === 'bare' ? 'bare' : `durable (${kind})`} relay, measuring`);
    const sequential = await sequentialWithCpu(world.visitors[0]!, p.sequential, [relay.pid]);
    return { ...sequential, roundTrip: await measureRoundTrips(world.visitors, p.roundTrip) };
  });
}

async function deskSetup(p: Plan, mode: ModeName): Promise<DeskSetup> {
  const postgres = mode !== 'sqlite';
  if (postgres) await checkRedis(p.redisUrl).catch((e) => Promise.reject(new Error(`Redis at ${p.redisUrl}: ${message(e)}`)));
  const database = postgres
    ? await postgresDatabase(p.databaseUrl).catch((e) => Promise.reject(new Error(`PostgreSQL at ${p.databaseUrl}: ${message(e)}`)))
    : sqliteDatabase();
  onCleanup(() => database.drop());
  const redisUrl = postgres ? p.redisUrl : undefined;
  const a = await server(p, database.url, redisUrl, `${mode}-a`);
  const b = mode === 'pg2' ? await server(p, database.url, redisUrl, `${mode}-b`) : a;
  const needsLoad = p.only.includes('roundtrip') || p.only.includes('starts');
  return { visitorServer: a, staffServer: b, databaseUrl: database.url, conversations: needsLoad ? p.conversations : 1, perConsultant: PER_CONSULTANT };
}

async function runMode(p: Plan, mode: ModeName): Promise<ModeResult> {
  const result: ModeResult = { mode };
  const problems: string[] = [];
  await attempt(MODE_LABELS[mode], problems, () =>
    scoped(async () => {
      const setup = await deskSetup(p, mode);
      progress(`${mode}: setting up ${setup.conversations} conversations`);
      const world: RoundTripWorld = await setupDesk(setup, (text) => progress(`${mode}: ${text}`));
      onCleanup(() => world.close());
      const pids = [...new Set([setup.visitorServer.pid, setup.staffServer.pid])];
      if (p.only.includes('sequential')) {
        progress(`${mode}: ${p.sequential} sequential round trips`);
        const { sequential, cpuPerRoundTripUs } = await sequentialWithCpu(world.visitors[0]!, p.sequential, pids);
        result.sequential = sequential;
        result.sequentialCpuUs = cpuPerRoundTripUs;
      }
      if (p.only.includes('roundtrip')) {
        progress(`${mode}: round trips`);
        const cpu = cpuMeter(pids);
        result.roundTrip = await measureRoundTrips(world.visitors, p.roundTrip);
        result.roundTripCpu = cpu();
      }
      if (p.only.includes('saturation')) {
        const sockets = await openWaitingVisitors(setup, world.consoleSocket!, p.saturation.visitors);
        onCleanup(() => sockets.forEach((s) => s.close()));
        progress(`${mode}: saturation`);
        const cpu = cpuMeter(pids);
        result.saturation = await measureSaturation(sockets, p.saturation);
        result.saturationCpu = cpu();
      }
      if (p.only.includes('starts')) {
        progress(`${mode}: conversation starts`);
        result.starts = await measureStarts(setup.visitorServer.baseUrl, world.consoleSocket!, p.starts);
      }
    }),
  );
  if (problems.length) result.problem = problems.join('; ');
  return result;
}

/** On SQLite (filling a queue of 10,000 takes minutes on PostgreSQL here, and measures the same code). */
async function runQueue(p: Plan) {
  return scoped(async () => {
    const database = sqliteDatabase();
    onCleanup(() => database.drop());
    const instance = await server(p, database.url, undefined, 'queue');
    return measureQueueGrowth(instance, database.url, p.queue, progress);
  });
}

async function runMemory(p: Plan): Promise<MemoryResult> {
  return scoped(async () => {
    const database = sqliteDatabase();
    onCleanup(() => database.drop());
    const instance = await server(p, database.url, undefined, 'memory');
    progress(`memory: starting ${p.maxIdle} conversations, then opening idle sockets`);
    return measureIdleConnections(instance, p.memorySteps, p.maxIdle, progress);
  });
}

/** Knowledge-base search on SQLite and on PostgreSQL (the pg column), each on a fresh database. */
async function runHelpSearch(p: Plan, problems: string[]): Promise<Partial<Record<ModeName, HelpSearchResult>>> {
  const results: Partial<Record<ModeName, HelpSearchResult>> = {};
  for (const mode of p.modes.filter((m) => m !== 'pg2')) {
    results[mode] = await attempt(`help search (${MODE_LABELS[mode]})`, problems, () =>
      scoped(async () => {
        const database = mode === 'sqlite' ? sqliteDatabase() : await postgresDatabase(p.databaseUrl);
        onCleanup(() => database.drop());
        return measureHelpSearch(database.url, p.helpArticles, (text) => progress(`${mode}: ${text}`));
      }),
    );
  }
  return results;
}

/**
 * The storm on SQLite (one instance) and on PostgreSQL + Redis (two instances), `p.stormRuns` runs
 * each on one desk. The PostgreSQL case runs on a cluster and a Redis of its own
 * (private-services.ts): killing instances under traffic loads them in ways other users of the
 * machine's services should not feel.
 */
async function runStorms(p: Plan, problems: string[]): Promise<StormCase[]> {
  const cases: StormCase[] = [];
  const storms = { sqlite: 'SQLite, 1 instance', pg2: 'PG + Redis, 2 instances' } as const;
  for (const mode of STORM_MODES.filter((m) => p.modes.includes(m))) {
    const label = storms[mode];
    const runs = await attempt(`storm, ${label}`, problems, () =>
      scoped(async () => {
        const services = mode === 'pg2' ? await Promise.all([startPrivatePostgres(), startPrivateRedis()]) : undefined;
        for (const service of services ?? []) onCleanup(() => service.remove());
        const database = services ? await postgresDatabase(services[0].url) : sqliteDatabase();
        onCleanup(() => database.drop());
        const redisUrl = services?.[1].url;
        const instances = [await server(p, database.url, redisUrl, 'storm-a')];
        if (services) instances.push(await server(p, database.url, redisUrl, 'storm-b'));
        // The restarted instances are the ones the storm measures; the killed ones write no profile.
        const restartedProfDir = p.profileDir && join(p.profileDir, 'storm-restarted');
        if (restartedProfDir) mkdirSync(restartedProfDir, { recursive: true });
        const restart = async (instance: BenchProcess) => {
          const port = Number(new URL(instance.baseUrl).port);
          const again = await startServer({ databaseUrl: database.url, redisUrl, port, cpuProfDir: restartedProfDir });
          servers.push(again);
          onCleanup(() => again.stop());
          return again;
        };
        return measureStorm({ label, databaseUrl: database.url, instances, restart }, p.storm, p.stormRuns, progress);
      }),
    );
    if (runs) cases.push({ label, runs });
  }
  return cases;
}

async function runTranslation(p: Plan): Promise<TranslationResult> {
  return scoped(async () => {
    const listed = await fetch(`${p.apertiumUrl}/listPairs`).catch((e) => Promise.reject(new Error(`Apertium APY at ${p.apertiumUrl}: ${message(e)}`)));
    if (!listed.ok) throw new Error(`Apertium APY at ${p.apertiumUrl}: /listPairs answered ${listed.status}`);
    const database = sqliteDatabase();
    onCleanup(() => database.drop());
    const instance = await server(p, database.url, undefined, 'translation', { TRANSLATION_ENGINE: 'apertium', TRANSLATION_URL: p.apertiumUrl });
    progress(`translation: ${p.translatedMessages} messages each with and without translation`);
    return measureTranslation(instance, database.url, p.translatedMessages);
  });
}

async function main(p: Plan): Promise<void> {
  const results: BenchResults = {
    meta: {
      date: new Date().toISOString(),
      node: process.version,
      cores: os.availableParallelism(),
      platform: `${process.platform} ${process.arch}`,
      run: p.quick ? 'quick' : 'full',
      conversations: p.conversations,
      consultants: Math.ceil(p.conversations / PER_CONSULTANT),
      intervalS: p.roundTrip.intervalMs / 1000,
      warmupS: p.roundTrip.warmupMs / 1000,
      durationS: p.roundTrip.durationMs / 1000,
      saturation: { visitors: p.saturation.visitors, window: p.saturation.window, durationS: p.saturation.durationMs / 1000 },
      starts: p.starts,
      sequential: p.sequential,
    },
    modes: [],
    problems: [],
  };
  const wants = (m: Measurement) => p.only.includes(m);
  if (wants('bundle')) {
    progress('bundle: vite build into a temp directory');
    results.bundle = await attempt('bundle', results.problems, () => measureVisitorBundle());
  }
  if (wants('startup')) {
    progress(`startup: ${p.startups} starts of the bundle and of the sources`);
    results.startup = await attempt('startup', results.problems, async () => measureStartup(await serverBundle(), p.startups));
  }
  if (wants('floor')) {
    results.floor = await attempt('floor', results.problems, () => measureFloor(p, 'bare'));
    results.durableFloor = await attempt('durable floor', results.problems, () => measureFloor(p, 'sqlite'));
    if (p.modes.some((mode) => mode !== 'sqlite')) results.postgresFloor = await attempt('PostgreSQL durable floor', results.problems, () => measureFloor(p, 'postgres'));
  }
  if (wants('sequential') || wants('roundtrip') || wants('saturation') || wants('starts')) {
    for (const mode of p.modes) results.modes.push(await runMode(p, mode));
  }
  if (wants('help')) results.helpSearch = await runHelpSearch(p, results.problems);
  if (wants('slownet')) {
    results.slowNetworks = await attempt('slow network', results.problems, () =>
      scoped(async () => {
        const database = sqliteDatabase();
        onCleanup(() => database.drop());
        return measureSlowNetworks(database, progress);
      }),
    );
  }
  if (wants('queue')) results.queue = await attempt('queue', results.problems, () => runQueue(p));
  if (wants('memory')) results.memory = await attempt('memory', results.problems, () => runMemory(p));
  if (wants('recovery')) {
    results.recovery = await attempt('recovery', results.problems, () => scoped(() => measureRecovery(p.recovery, onCleanup, progress)));
  }
  if (wants('storm')) results.storm = await runStorms(p, results.problems);
  const reportConversations = p.quick ? 10_000 : 100_000;
  const reportTimings = wants('reports')
    ? await attempt('reports', results.problems, () => measureReports(['sqlite', 'postgres'], reportConversations, progress))
    : undefined;

  if (wants('translation')) results.translation = await attempt('translation', results.problems, () => runTranslation(p));

  console.log(renderReport(results));
  if (results.storm) console.log(renderStorm(results.storm));
  if (reportTimings) console.log(`\n${renderReportTimings(reportTimings, reportConversations)}`);
  console.log(`\nJSON: ${writeJson(results)}`);
  if (p.profileDir) console.log(`\nServer CPU profiles:\n${summarizeProfiles(p.profileDir)}`);
}

function planOrExit(): Plan {
  try {
    const { values } = parseArgs({ options: OPTIONS });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    return plan(values);
  } catch (error) {
    console.error(`${message(error)}\n\n${USAGE}`);
    process.exit(2);
  }
}

const abort = (why: string, code: number) => {
  console.error(`[bench] ${why}; cleaning up`);
  void cleanUpTo(0).finally(() => process.exit(code));
};

const chosen = planOrExit();
process.once('SIGINT', () => abort('interrupted', 130));
process.once('SIGTERM', () => abort('terminated', 143));
setTimeout(() => abort(`over the time limit of ${chosen.timeLimitMs / 60_000} min`, 1), chosen.timeLimitMs).unref();

main(chosen)
  .catch((error: unknown) => {
    console.error('[bench] failed:', error);
    process.exitCode = 1;
  })
  // Lingering keep-alive sockets must not keep the process up once everything is reported.
  .finally(() => cleanUpTo(0).then(() => process.exit()));
