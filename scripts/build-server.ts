/**
 * Bundles the server into one ES module that `npm start` runs with plain Node
 * (docs/decisions/0008-compiled-server.md): our TypeScript compiled once at build time, with the
 * pure-JavaScript packages it loads at start-up, so Node resolves and reads one file instead of
 * hundreds. `npm run build:server` writes dist/server/main.js; the bench and the start-up test
 * build their own copy with `buildServer`.
 */
import { cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

/**
 * Left in node_modules: native addons; packages loaded only when needed (Redis, PostgreSQL, the
 * holiday calendar, uploads and their HEIC decoder, the PDF transcript); and packages that find files of their own next
 * to their code (pino's and ioredis's use of __dirname, pdfkit's of import.meta.url, which a bundle
 * does not have).
 */
const EXTERNAL = ['better-sqlite3', 'argon2', 'sharp', 'file-type', 'heic-convert', 'ioredis', 'pg', 'pg-native', 'date-holidays', 'pino', 'nodemailer', 'pdfkit'];

/** Bundled CommonJS packages call require() for Node's built-ins; an ES module has none of its own. */
const REQUIRE_IN_ESM = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * Writes `<outDir>/main.js` (and its source map), with the locale files beside it where the
 * server reads them at run time (`../shared/locales`, as from src/server): a language is data,
 * added without a rebuild of the code. Resolves the bundle's path.
 */
export async function buildServer(outDir = join(ROOT, 'dist', 'server')): Promise<string> {
  const outfile = join(outDir, 'main.js');
  await build({
    entryPoints: [join(ROOT, 'src', 'server', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    banner: { js: REQUIRE_IN_ESM },
    sourcemap: true,
    logLevel: 'warning',
  });
  cpSync(join(ROOT, 'src', 'shared', 'locales'), join(dirname(outDir), 'shared', 'locales'), { recursive: true });
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildServer();
