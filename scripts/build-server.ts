/**
 * Bundles the server into one ES module that `npm start` runs with plain Node
 * (docs/decisions/0008-compiled-server.md): our TypeScript compiled once at build time, packages
 * left in node_modules. `npm run build:server` writes dist/server/main.js; the bench and the
 * start-up test build their own copy with `buildServer`.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

/** Writes `<outDir>/main.js` (and its source map); resolves its path. */
export async function buildServer(outDir = join(ROOT, 'dist', 'server')): Promise<string> {
  const outfile = join(outDir, 'main.js');
  await build({
    entryPoints: [join(ROOT, 'src', 'server', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildServer();
