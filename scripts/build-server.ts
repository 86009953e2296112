/**
 * Bundles the server into one CommonJS file and builds the launcher that `npm start` runs with
 * plain Node (docs/decisions/0008-compiled-server.md): our TypeScript compiled once at build time,
 * with the pure-JavaScript packages it loads at start-up, so Node resolves and reads one file
 * instead of hundreds; then starts it once, so that V8's code cache of a start is written beside
 * it. `npm run build:server` writes dist/server (main.js, the launcher; server.cjs, the bundle);
 * the bench and the start-up test build their own copy with `buildServer`.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_NAME, codeCachePath } from '../src/server/boot/code-cache';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const PRIMING_GIVE_UP_MS = 60_000;

/**
 * Left in node_modules: native addons; packages loaded only when needed (Redis, PostgreSQL, the
 * holiday calendar, uploads and their HEIC decoder, the PDF transcript); and packages that find files of their own next
 * to their code (pino's and ioredis's use of __dirname, pdfkit's of import.meta.url, which a bundle
 * does not have).
 */
const EXTERNAL = ['better-sqlite3', 'argon2', 'sharp', 'file-type', 'heic-convert', 'ioredis', 'pg', 'pg-native', 'date-holidays', 'pino', 'nodemailer', 'pdfkit'];

/** Our modules find files and packages from import.meta.url; in the CommonJS bundle that is the bundle's own URL. */
const IMPORT_META_URL = "const __bundle_url = require('node:url').pathToFileURL(__filename).href;";

/**
 * Starts the launcher once on a throwaway database and port, until it has written the code cache
 * of a start (it writes one when there is none); then stops it. Every setting at its default, so
 * the build does not depend on the office's configuration; only NODE_OPTIONS is kept, as V8
 * refuses a cache made under other flags than the start's.
 */
async function primeCodeCache(launcher: string, bundle: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ek-prime-'));
  const { PATH, NODE_OPTIONS } = process.env;
  const child = spawn(process.execPath, [launcher], {
    env: { PATH, ...(NODE_OPTIONS && { NODE_OPTIONS }), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATABASE_URL: `sqlite:${join(dataDir, 'prime.db')}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const began = Date.now();
    while (!existsSync(codeCachePath(bundle))) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before its code cache was written`);
      if (Date.now() - began > PRIMING_GIVE_UP_MS) throw new Error('the server wrote no code cache within a minute');
      await new Promise((done) => setTimeout(done, 20));
    }
  } finally {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The launcher (`main.js`) and the bundle of `entry` beside it, with its source map; no code cache yet. */
export async function bundleWithLauncher(entry: string, outDir: string): Promise<{ launcher: string; bundle: string }> {
  const launcher = join(outDir, 'main.js');
  const bundle = join(outDir, BUNDLE_NAME);
  rmSync(codeCachePath(bundle), { force: true });
  await Promise.all([
    build({
      entryPoints: [entry],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: EXTERNAL,
      define: { 'import.meta.url': '__bundle_url' },
      // import() of a package becomes require(): Node 20 loses a script's import() callback when
      // V8 takes the script from the code cache (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), and
      // requires an ES-module package (file-type) itself since 20.19.
      supported: { 'dynamic-import': false },
      banner: { js: IMPORT_META_URL },
      // Stacks need the mappings only; the sources themselves would triple the map's size.
      sourcemap: true,
      sourcesContent: false,
      logLevel: 'warning',
    }),
    build({ entryPoints: [join(ROOT, 'src', 'server', 'boot', 'launch.ts')], outfile: launcher, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' }),
  ]);
  return { launcher, bundle };
}

/**
 * Writes `<outDir>/main.js` (the launcher), the bundle with its source map and code cache, and the
 * locale files where the server reads them at run time (`../shared/locales`, as from src/server): a
 * language is data, added without a rebuild of the code. Resolves the launcher's path.
 */
export async function buildServer(outDir = join(ROOT, 'dist', 'server')): Promise<string> {
  const { launcher, bundle } = await bundleWithLauncher(join(ROOT, 'src', 'server', 'main.ts'), outDir);
  cpSync(join(ROOT, 'src', 'shared', 'locales'), join(dirname(outDir), 'shared', 'locales'), { recursive: true });
  await primeCodeCache(launcher, bundle);
  return launcher;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildServer();
