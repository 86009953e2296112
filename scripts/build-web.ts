/**
 * `npm start`'s front-end step: `vite build` only when the front end's sources changed since the
 * last build. A hash of the sources (and of what builds them) is kept with the build, in
 * dist/web/.sources-hash; a newcomer's second `npm start` starts the server at once.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

/** What the built apps are made of: their code, the shared wire and strings, and the build's own settings and packages. */
export const WEB_SOURCES = ['src/web', 'src/shared', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];
export const HASH_FILE = 'dist/web/.sources-hash';

function filesUnder(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(root, join(path, name)));
}

/** SHA-256 over every source file's path and bytes, in a stable order. */
export function sourcesHash(root: string = ROOT, sources: readonly string[] = WEB_SOURCES): string {
  const hash = createHash('sha256');
  for (const file of sources.flatMap((source) => filesUnder(root, source))) {
    hash.update(relative(root, join(root, file)).split('\\').join('/')).update('\0').update(readFileSync(join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

/** True when the build in dist/web was made from exactly these sources. */
export function builtFrom(hash: string, root: string = ROOT): boolean {
  const file = join(root, HASH_FILE);
  return existsSync(file) && readFileSync(file, 'utf8').trim() === hash;
}

function main(): void {
  const hash = sourcesHash();
  if (builtFrom(hash)) {
    console.log('The front end is already built from these sources.');
    return;
  }
  const vite = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
  writeFileSync(join(ROOT, HASH_FILE), `${hash}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
