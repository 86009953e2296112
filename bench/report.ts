/**
 * One table (Markdown, so it pastes into an issue note) with every figure, its target and a
 * verdict, plus the same results as JSON in bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleResult } from './bundle-size';
import type { HelpSearchResult } from './help-search';
import type { LatencySummary, SaturationResult } from './load';
import type { MemoryResult } from './memory';
import type { RecoveryResult } from './recovery';
import type { QueueLevel } from './queue';
import type { SlowNetworkResult } from './slow-network';
import type { StartupResult } from './startup';
import type { StormCase } from './storm';
import type { TranslationResult } from './translation';
import { REPO_ROOT, type CpuUse } from './server';

export const MODES = ['sqlite', 'pg', 'pg2'] as const;
export type ModeName = (typeof MODES)[number];

export const MODE_LABELS: Record<ModeName, string> = {
  sqlite: 'SQLite, 1 instance',
  pg: 'PG + Redis, 1 instance',
  pg2: 'PG + Redis, 2 (visitors A, staff B)',
};

export interface ModeResult {
  mode: ModeName;
  /** Why the mode did not run (a service unreachable) or stopped (a failure). */
  problem?: string;
  roundTrip?: LatencySummary;
  roundTripCpu?: CpuUse;
  saturation?: SaturationResult;
  saturationCpu?: CpuUse;
  starts?: LatencySummary;
  sequential?: LatencySummary;
  /** CPU microseconds our server processes used per sequential round trip. */
  sequentialCpuUs?: number;
}

/** A floor relay (bench/floor-relay.ts), measured as our server is. */
export interface FloorResult {
  /** Round trips at the same load as ours. */
  roundTrip: LatencySummary;
  /** Round trips one after another, on an otherwise idle relay. */
  sequential: LatencySummary;
  /** CPU microseconds the relay used per sequential round trip (a database server's own not included, as for ours). */
  cpuPerRoundTripUs: number;
}

export interface BenchResults {
  meta: {
    date: string;
    node: string;
    cores: number;
    platform: string;
    run: 'quick' | 'full';
    conversations: number;
    consultants: number;
    intervalS: number;
    warmupS: number;
    durationS: number;
    saturation: { visitors: number; window: number; durationS: number };
    starts: number;
    sequential: number;
  };
  floor?: FloorResult;
  /** The bare relay plus what the guarantees need: a SQLite commit and an ack per message. */
  durableFloor?: FloorResult;
  /** The same with a PostgreSQL commit per message: the floor of the PostgreSQL columns. */
  postgresFloor?: FloorResult;
  modes: ModeResult[];
  memory?: MemoryResult;
  storm?: StormCase[];
  bundle?: BundleResult;
  recovery?: RecoveryResult;
  /** Knowledge-base search per database (pg: PostgreSQL; Redis plays no part). */
  helpSearch?: Partial<Record<ModeName, HelpSearchResult>>;
  startup?: StartupResult;
  queue?: QueueLevel[];
  slowNetworks?: SlowNetworkResult[];
  translation?: TranslationResult;
  problems: string[];
}

type Cell = string;
interface Row {
  label: string;
  cells: Cell[];
  target: string;
}

const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const count = (v: number) => Math.round(v).toLocaleString('en-US');
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const mark = (ok: boolean) => (ok ? ' ✓' : ' ✗');

function perMode(results: BenchResults, cell: (mode: ModeResult) => Cell | undefined): Cell[] {
  return MODES.map((name) => {
    const mode = results.modes.find((m) => m.mode === name);
    if (!mode) return '';
    return cell(mode) ?? (mode.problem ? 'n/a' : '');
  });
}

/** A figure measured once (not per mode), shown in the first column. */
const once = (value: Cell | undefined): Cell[] => [value ?? '', '', ''];

const cores = (cpu: CpuUse | undefined) => cpu && `${cpu.servers.toFixed(2)} / ${cpu.loadGenerator.toFixed(2)}`;

const ratio = (ours: number | undefined, floor: number | undefined) => (ours && floor ? ours / floor : undefined);

/** A figure of the engine a column runs on: SQLite's in the first, PostgreSQL's in both others. */
const perEngine = (sqlite: Cell | undefined, postgres: Cell | undefined): Cell[] => [sqlite ?? '', postgres ?? '', postgres ?? ''];

function roundTripRows(r: BenchResults): Row[] {
  const rt = (mode: ModeResult) => mode.roundTrip;
  const durableFloorOf = (mode: ModeResult) => (mode.mode === 'sqlite' ? r.durableFloor : r.postgresFloor);
  const ratioCell = (key: 'p50' | 'p99') => (mode: ModeResult) => {
    const value = ratio(rt(mode)?.[key], r.floor?.roundTrip[key]);
    return value === undefined ? undefined : value.toFixed(2) + mark(value <= 2);
  };
  const durableRatioCell = (mode: ModeResult) => ratio(rt(mode)?.p50, durableFloorOf(mode)?.roundTrip.p50)?.toFixed(2);
  const summary = (s: LatencySummary | undefined) => s && `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)}`;
  const us = (v: number | undefined) => v?.toFixed(0);
  const seq = (mode: ModeResult) => mode.sequential;
  const cpuCell = (mode: ModeResult) => {
    const toDurable = ratio(mode.sequentialCpuUs, durableFloorOf(mode)?.cpuPerRoundTripUs);
    return mode.sequentialCpuUs === undefined ? undefined : `${us(mode.sequentialCpuUs)}${toDurable ? ` (${toDurable.toFixed(2)}× durable floor)` : ''}`;
  };
  const floorSequential = (floor: FloorResult | undefined) => (floor ? `${us(floor.cpuPerRoundTripUs)} (${ms(floor.sequential.p50)})` : '—');
  const floorCpu = (durable: FloorResult | undefined) => (r.floor || durable) && `${floorSequential(r.floor)} / ${floorSequential(durable)}`;
  return [
    {
      label: `Sequential round trip p50 / p99 / max, ms (1 conversation, ${count(r.meta.sequential)} one after another)`,
      cells: perMode(r, (m) => seq(m) && `${ms(seq(m)!.p50)} / ${ms(seq(m)!.p99)} / ${ms(seq(m)!.max)}`),
      target: '',
    },
    { label: 'CPU our server(s) used per sequential round trip, µs (nothing else runs; the p50 follows it)', cells: perMode(r, cpuCell), target: '' },
    { label: `Round trip p50, ms (${count(r.meta.conversations)} conversations)`, cells: perMode(r, (m) => rt(m) && ms(rt(m)!.p50)), target: '' },
    { label: 'Round trip p99, ms', cells: perMode(r, (m) => rt(m) && ms(rt(m)!.p99) + mark(rt(m)!.p99 <= 25)), target: '≤ 25' },
    { label: 'Round trip max, ms', cells: perMode(r, (m) => rt(m) && ms(rt(m)!.max)), target: '' },
    { label: 'Round trips counted / lost', cells: perMode(r, (m) => rt(m) && `${count(rt(m)!.count)} / ${count(rt(m)!.lost)}`), target: 'lost 0' },
    { label: 'CPU meanwhile, cores: server(s) / load generator', cells: perMode(r, (m) => cores(m.roundTripCpu)), target: '' },
    { label: 'Bare ws floor p50 / p99 / max, ms (same run)', cells: once(summary(r.floor?.roundTrip)), target: '' },
    { label: 'Ratio ours / floor, p50', cells: perMode(r, ratioCell('p50')), target: '≤ 2' },
    { label: 'Ratio ours / floor, p99', cells: perMode(r, ratioCell('p99')), target: '≤ 2' },
    {
      label: 'Durable floor p50 / p99 / max, ms (the bare relay + a commit and an ack per message, in the column’s database)',
      cells: perEngine(summary(r.durableFloor?.roundTrip), summary(r.postgresFloor?.roundTrip)),
      target: '',
    },
    { label: 'Ratio ours / durable floor, p50 (what our code adds beyond the guarantees)', cells: perMode(r, durableRatioCell), target: '' },
    { label: 'CPU the floors used per sequential round trip, µs (its p50, ms): bare / durable', cells: perEngine(floorCpu(r.durableFloor), floorCpu(r.postgresFloor)), target: '' },
  ];
}

function loadRows(r: BenchResults): Row[] {
  const { visitors, window } = r.meta.saturation;
  const durable = (mode: ModeResult) => {
    const s = mode.saturation;
    if (!s) return undefined;
    const floor = mode.mode === 'sqlite' ? 5_000 : 3_000;
    return count(s.acksPerSecond) + mark(s.acksPerSecond >= floor) + (s.errors ? ` (${count(s.errors)} errors)` : '');
  };
  return [
    { label: `Durable acked messages/s (${visitors} visitors × window ${window})`, cells: perMode(r, durable), target: '≥ 5,000 SQLite; ≥ 3,000 PG' },
    { label: 'CPU meanwhile, cores: server(s) / load generator', cells: perMode(r, (m) => cores(m.saturationCpu)), target: '' },
    { label: `Start → console conversation.updated p50, ms`, cells: perMode(r, (m) => m.starts && ms(m.starts.p50)), target: '' },
    { label: `Start → console p99 / max, ms (${r.meta.starts} starts, lost)`, cells: perMode(r, (m) => m.starts && `${ms(m.starts.p99)} / ${ms(m.starts.max)} (${m.starts.lost})`), target: '' },
  ];
}

function memoryRows(memory: MemoryResult | undefined): Row[] {
  const steps = memory?.steps ?? [];
  const rows: Row[] = steps.map((step) => ({
    label: `Server RSS per idle visitor socket, KB (at ${count(step.connections)})`,
    cells: once(step.perConnectionKb.toFixed(1) + mark(step.perConnectionKb <= 30)),
    target: '≤ 30',
  }));
  if (memory) {
    const limit = memory.serverOpenFiles.soft;
    rows.push({
      label: `Idle visitor sockets held by one instance (tried ${count(memory.attempted)}; server open-files limit ${count(limit)})`,
      cells: once(count(memory.held) + mark(memory.held >= 20_000)),
      target: '≥ 20,000',
    });
  }
  return rows;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function startupRows(startup: StartupResult | undefined): Row[] {
  if (!startup) return [];
  const wall = median(startup.compiled.map((start) => start.ms))!;
  const cpu = (starts: StartupResult['compiled']) => ms(median(starts.map((start) => start.cpuMs)));
  return [
    { label: `Process start → first 200 on /healthz, ms (the bundle npm start runs; median of ${startup.compiled.length})`, cells: once(ms(wall) + mark(wall < 600)), target: '< 600 (warm)' },
    { label: 'CPU the server used until then, ms (independent of other load)', cells: once(cpu(startup.compiled)), target: '' },
    { label: 'The same through tsx from the sources: wall / CPU, ms', cells: once(`${ms(median(startup.tsx.map((start) => start.ms)))} / ${cpu(startup.tsx)}`), target: '' },
    { label: 'Idle server RSS after start, MB', cells: once((startup.idleRssKb / 1024).toFixed(1)), target: '' },
  ];
}

function queueRows(levels: QueueLevel[] | undefined): Row[] {
  if (!levels?.length) return [];
  const first = levels[0]!;
  const rows: Row[] = levels.map((level) => ({
    label: `Queue of ${count(level.waiting)}: starts/s (${count(level.listeners)} newest told their new place after a take, ms)`,
    cells: once(`${count(level.startsPerSecond)} (${ms(level.positionsMs)})`),
    target: '',
  }));
  const last = levels.at(-1)!;
  const startsRatio = last.startsPerSecond / first.startsPerSecond;
  const positionsRatio = first.positionsMs / last.positionsMs;
  rows.push({
    label: `Ratio at ${count(last.waiting)} to ${count(first.waiting)} waiting: starts/s; position speed`,
    cells: once(`${startsRatio.toFixed(2)}${mark(startsRatio >= 0.8)}; ${positionsRatio.toFixed(2)}${mark(positionsRatio >= 0.8)}`),
    target: '≥ 0.8',
  });
  return rows;
}

function slowNetworkRows(results: SlowNetworkResult[] | undefined): Row[] {
  const within = (value: number | undefined, limit?: number) => (value === undefined ? 'not within 60 s' : ms(value) + (limit === undefined ? '' : mark(value <= limit)));
  return (results ?? []).flatMap(({ profile, coldMs, warmMs, firstAckMs, earlyText }) => {
    const is3g = profile.name === '3G';
    const name = `${profile.name} (${profile.kbps} kbps, ${profile.rttMs} ms RTT)`;
    return [
      { label: `${name}: start form usable, cold cache, ms`, cells: once(within(coldMs, is3g ? 3_000 : undefined)), target: is3g ? '≤ 3,000' : '' },
      { label: `${name}: start form usable, warm cache, ms`, cells: once(within(warmMs, is3g ? 1_000 : undefined)), target: is3g ? '≤ 1,000' : '' },
      { label: `${name}: start pressed → first message acknowledged, ms`, cells: once(within(firstAckMs)), target: '' },
      { label: `${name}: what the page shows after 3 s of a cold load`, cells: once(earlyText ? `"${earlyText.slice(0, 40)}"` : '(blank)'), target: is3g ? '' : 'not blank' },
    ];
  });
}

function bundleRows(bundle: BundleResult | undefined): Row[] {
  if (!bundle) return [];
  const t = bundle.totals;
  return [
    { label: `Visitor first load JS, gzip KB (${bundle.js.length} files)`, cells: once(kb(t.jsGzip) + mark(t.jsGzip <= 30 * 1024)), target: '≤ 30' },
    { label: 'widget.js for the office’s own site, gzip KB', cells: once(kb(t.widgetGzip) + mark(t.widgetGzip <= 5 * 1024)), target: '≤ 5' },
    { label: `Visitor first load CSS, gzip KB (${bundle.css.length} files)`, cells: once(kb(t.cssGzip)), target: '' },
    { label: `Visitor first load fonts, gzip KB (${bundle.fonts.length} files)`, cells: once(kb(t.fontsGzip)), target: '' },
    { label: 'Default-language locale chunks (lazy, not in the sum), gzip KB', cells: once(kb(t.defaultLocaleGzip)), target: '' },
  ];
}

/** A figure measured on PostgreSQL + Redis with two instances. */
const onTwoInstances = (value: Cell): Cell[] => ['', '', value];

/** Figures the scale tests used to bound with a stopwatch; here they are measured, not asserted. */
function recoveryRows(recovery: RecoveryResult | undefined): Row[] {
  if (!recovery) return [];
  const { takes, redis, postgres } = recovery;
  const seconds = (value: number) => (value / 1000).toFixed(2);
  const behind = (missing: number, what: string) => (missing ? ` (${missing} ${what})` : '');
  return [
    {
      label: `Takes/s by two consultants on two instances (${takes.conversations} raced; taken exactly once)`,
      cells: onTwoInstances(`${takes.perSecond.toFixed(1)}${mark(takes.perSecond >= 10)} (${takes.exactlyOnce}/${takes.conversations}${mark(takes.exactlyOnce === takes.conversations)})`),
      target: '≥ 10; all exactly once',
    },
    { label: 'Redis back → both instances healthy, s', cells: onTwoInstances(seconds(redis.instancesHealthyMs) + mark(redis.instancesHealthyMs <= 5_000)), target: '≤ 5' },
    {
      label: `Redis back → all ${redis.clients} visitors resumed, s`,
      cells: onTwoInstances(seconds(redis.clientsResumedMs) + mark(redis.clientsResumedMs <= 10_000 && !redis.notResumed) + behind(redis.notResumed, 'not back')),
      target: '≤ 10',
    },
    { label: 'PostgreSQL back → both instances healthy, s', cells: onTwoInstances(seconds(postgres.instancesHealthyMs) + mark(postgres.instancesHealthyMs <= 5_000)), target: '≤ 5' },
    {
      label: `PostgreSQL back → a message of all ${postgres.clients} visitors stored, s`,
      cells: onTwoInstances(seconds(postgres.clientsServedMs) + mark(postgres.clientsServedMs <= 10_000 && !postgres.notServed) + behind(postgres.notServed, 'not stored')),
      target: '≤ 10',
    },
  ];
}

function helpSearchRows(results: BenchResults['helpSearch']): Row[] {
  if (!results) return [];
  const articles = Object.values(results)[0]?.articles ?? 0;
  const cell = (pick: (result: HelpSearchResult) => string) => MODES.map((mode) => (results[mode] ? pick(results[mode]) : ''));
  return [
    { label: `Help search p50, ms (${count(articles)} articles × 4 languages)`, cells: cell((r) => ms(r.p50)), target: '' },
    { label: `Help search p95, ms (${count(Object.values(results)[0]?.queries ?? 0)} queries)`, cells: cell((r) => ms(r.p95) + mark(r.p95 < 30)), target: '< 30' },
  ];
}

/** Machine translation through the real Apertium on loopback, SQLite, one message at a time. */
function translationRows(translation: TranslationResult | undefined): Row[] {
  if (!translation) return [];
  const pair = (v: { p50: number; p95: number }) => `${ms(v.p50)} / ${ms(v.p95)}`;
  const n = translation.messages;
  return [
    { label: `Message to console p50 / p95, ms, untranslated (${n} messages)`, cells: once(pair(translation.untranslated)), target: '' },
    { label: 'Message to console p50 / p95, ms, translation on (the original, not waiting)', cells: once(pair(translation.delivered)), target: '' },
    { label: 'Translation to console p50 / p95, ms (Apertium eng→spa, loopback)', cells: once(pair(translation.translated)), target: '' },
    {
      label: `Added by translation p50 / p95, ms (marked unavailable: ${translation.unavailable})`,
      cells: once(pair(translation.added) + mark(translation.added.p95 <= 2_000 && translation.unavailable === 0)),
      target: '≤ 2,000 (the patience)',
    },
  ];
}

function table(rows: Row[]): string {
  const header = ['Measurement', ...MODES.map((m) => MODE_LABELS[m]), 'Target'];
  const lines = [header, ...rows.map((row) => [row.label, ...row.cells, row.target])];
  const widths = header.map((_, i) => Math.max(...lines.map((line) => line[i]!.length)));
  const format = (line: string[]) => `| ${line.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [format(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map((row) => format([row.label, ...row.cells, row.target]))].join('\n');
}

function heading(r: BenchResults): string {
  const m = r.meta;
  return [
    `e-Konsultant bench, ${m.run} run, ${m.date}`,
    `Machine: ${m.cores} cores (os.availableParallelism), Node ${m.node}, ${m.platform}. The load generator, the server instance(s),`,
    `PostgreSQL and Redis all share these ${m.cores} cores, so latencies include the client's own CPU time and queueing.`,
    `Round trips: ${count(m.conversations)} live conversations, ${m.consultants} consultant sockets; each visitor sends every ${m.intervalS} s,`,
    `the consultant replies on receipt; ${m.warmupS} s warm-up, then ${m.durationS} s measured. Saturation: ${m.saturation.visitors} visitors on`,
    `unassigned conversations, ${m.saturation.window} messages in flight each, acks counted over ${m.saturation.durationS} s. Starts: one at a time.`,
  ].join('\n');
}

export function renderReport(results: BenchResults): string {
  const rows = [...roundTripRows(results), ...loadRows(results), ...memoryRows(results.memory), ...bundleRows(results.bundle), ...recoveryRows(results.recovery), ...helpSearchRows(results.helpSearch), ...queueRows(results.queue), ...startupRows(results.startup), ...slowNetworkRows(results.slowNetworks), ...translationRows(results.translation)].filter(
    (row) => row.cells.some(Boolean),
  );
  const problems = [
    ...results.modes.flatMap((m) => (m.problem ? [m.problem] : [])),
    ...results.problems,
  ];
  const notes = problems.length ? `\nProblems:\n${problems.map((p) => `  - ${p}`).join('\n')}` : '';
  return `${heading(results)}\n\n${table(rows)}\n${notes}`;
}

export function writeJson(results: BenchResults): string {
  const dir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'latest.json');
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}
