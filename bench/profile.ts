/**
 * Reads the V8 CPU profiles the server wrote (`--cpu-prof`) and tells where its time went: self
 * time by function and by package (node_modules/<name>, our src/ files, Node's internals, GC).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Source maps by bundle URL (null: it has none): the server runs as one bundle (scripts/build-server.ts). */
const sourceMaps = new Map<string, SourceMap | null>();

function sourceMapOf(url: string): SourceMap | null {
  let map = sourceMaps.get(url);
  if (map === undefined) {
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')));
    } catch {
      map = null;
    }
    sourceMaps.set(url, map);
  }
  return map;
}

/** Where a frame's code came from: in a bundle, the package or source file its source map names. */
function origin(frame: CallFrame): { url: string; line: number } {
  const entry = frame.url.startsWith('file:') ? sourceMapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber) : undefined;
  const mapped = entry && 'originalSource' in entry ? (entry as SourceMapping) : undefined;
  return mapped ? { url: mapped.originalSource, line: mapped.originalLine + 1 } : { url: frame.url, line: frame.lineNumber + 1 };
}

function where(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const ours = /\/(src\/[^?]+)/.exec(url);
  if (ours) return ours[1]!;
  if (url.startsWith('node:')) return 'node internals';
  return url || 'native / V8';
}

/**
 * The place a sample belongs to. Node's own code and native code (a socket write, a SQLite step)
 * are charged to the nearest package or src/ caller: `writev` under ws and under pg are different
 * findings.
 */
function placeOf(node: ProfileNode, parents: Map<number, ProfileNode>): string {
  const userland = (n: ProfileNode) => Boolean(n.callFrame.url) && !n.callFrame.url.startsWith('node:');
  if (userland(node)) return where(origin(node.callFrame).url);
  const what = node.callFrame.url ? 'node internals' : node.callFrame.functionName || 'native';
  for (let up = parents.get(node.id); up; up = parents.get(up.id)) {
    if (userland(up)) return `${where(origin(up.callFrame).url)} → ${what}`;
  }
  return what;
}

/** Self time in ms per key, from the sample stream (each sample's delta is charged to its node). */
function selfTimes(profile: CpuProfile, key: (node: ProfileNode, parents: Map<number, ProfileNode>) => string): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node] as const)));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const k = key(node, parents);
    totals.set(k, (totals.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return totals;
}

function top(totals: Map<string, number>, n: number, all: number): string[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, time]) => `    ${((time / all) * 100).toFixed(1).padStart(5)}%  ${name}`);
}

/** Main-thread profiles only (CPU.<date>.<time>.<pid>.<thread>.<seq>; thread 0), found under `dir`. */
export function summarizeProfiles(dir: string, lines = 15): string {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  return files
    .map((file) => {
      const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
      const frame = (node: ProfileNode) => node.callFrame;
      const byFunction = selfTimes(profile, (n) => {
        const { url, line } = origin(frame(n));
        return `${frame(n).functionName || '(anonymous)'}  ${where(url)}:${line}`;
      });
      const byPlace = selfTimes(profile, placeOf);
      const all = [...byPlace.values()].reduce((a, b) => a + b, 0);
      const busy = all - (byPlace.get('(idle)') ?? 0);
      return [
        `  ${join(dir, file)}: ${(all / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s busy`,
        '  self time by place (Node and native code charged to their caller):',
        ...top(byPlace, lines, all),
        '  self time by function:',
        ...top(byFunction, lines, all),
      ].join('\n');
    })
    .join('\n\n');
}
