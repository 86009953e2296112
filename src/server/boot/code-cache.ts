/**
 * Runs the server bundle (a CommonJS file) compiled with V8's code cache, and maps its stack traces
 * to the TypeScript sources (docs/decisions/0008-compiled-server.md). Compiling the 6 MB bundle,
 * and then each function a start calls, is about a fifth of a start's CPU; with the cache V8 reads
 * the bytecode instead. Node caches nothing for us on Node 20 (module.enableCompileCache is 22+),
 * and it maps no stack of a script compiled through `vm`, even with --enable-source-maps.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire, SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Script } from 'node:vm';

/** Beside the launcher in dist/server: the bundle, its source map, and its code cache. */
export const BUNDLE_NAME = 'server.cjs';
export const codeCachePath = (bundle: string) => `${bundle}.v8-cache`;

/** What the bundle's entry (src/server/main.ts) exports. */
interface ServerEntry {
  /** Settles once the server listens (or has failed and is exiting). */
  ready: Promise<void>;
}

export type CodeCacheUse = 'used' | 'missing' | 'rejected';

function readIfPresent(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Written once the server is ready, so the cache holds the functions a start runs, not only the
 * top level; through a rename, so another instance starting from the same directory never reads
 * half a file. A directory the server may not write to (systemd's ProtectSystem, a container's
 * image) keeps the cache the build wrote, or none: the server starts either way.
 */
function writeCodeCache(script: Script, path: string): void {
  const partial = `${path}.${process.pid}.partial`;
  try {
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, path);
  } catch {
    rmSync(partial, { force: true });
  }
}

/** The bundle compiled, with the cache if there is one V8 accepts. */
export function compileBundle(bundle: string): { script: Script; cache: CodeCacheUse } {
  const cachedData = readIfPresent(codeCachePath(bundle));
  const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
  return { script, cache: !cachedData ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used' };
}

/** Runs the bundle as Node would run a CommonJS file; writes a new cache after the start when there was none to use. */
export function runBundle(bundle: string): void {
  const { script, cache } = compileBundle(bundle);
  const module = { exports: {} as Partial<ServerEntry> };
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  wrapper(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  if (cache !== 'used') void module.exports.ready?.then(() => writeCodeCache(script, codeCachePath(bundle)));
}

/**
 * Stack frames in the bundle read as the TypeScript source they came from, as --enable-source-maps
 * writes them for a file Node loads itself. The map is read at the first stack that needs it.
 */
export function mapStacksToSources(bundle: string): void {
  let map: SourceMap | null | undefined;
  const sourceMap = () => {
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
      } catch {
        map = null;
      }
    }
    return map;
  };
  const place = (frame: NodeJS.CallSite): string => {
    const text = String(frame);
    const line = frame.getLineNumber();
    const column = frame.getColumnNumber();
    if (frame.getFileName() !== bundle || line === null || column === null) return text;
    const origin = sourceMap()?.findOrigin(line, column);
    if (!origin || !('fileName' in origin)) return text;
    // The map names sources relative to itself, as esbuild writes it.
    return text.replace(`${bundle}:${line}:${column}`, `${resolve(dirname(bundle), origin.fileName)}:${origin.lineNumber}:${origin.columnNumber}`);
  };
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) =>
    [Error.prototype.toString.call(error), ...frames.map((frame) => `    at ${place(frame)}`)].join('\n');
}
