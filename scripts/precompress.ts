/**
 * Brotli and gzip copies of the built scripts and styles, written beside each file at build time
 * (`x.js.br`, `x.js.gz`), so the server sends a phone on a slow line a third of the bytes without
 * compressing anything per request (@fastify/static's `preCompressed` picks the copy the browser
 * accepts). Done once at the highest levels, which would be too slow per request.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

/** What browsers fetch as text; not the build's own manifest (.vite/), which the server reads and never serves. */
const COMPRESSIBLE = /\.(js|css|svg|json)$/;
/** Below about one packet, compression saves no round trip and costs a header. */
const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Writes the compressed copies of `files` (relative to `dir`) that come out smaller than the original. */
export async function precompressFiles(dir: string, files: readonly string[]): Promise<void> {
  await Promise.all(
    files
      .filter((file) => COMPRESSIBLE.test(file) && !file.startsWith('.vite/'))
      .map(async (file) => {
        const path = join(dir, file);
        const source = await readFile(path);
        if (source.length < MIN_BYTES) return;
        const [br, gz] = await Promise.all([
          brotli(source, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
            },
          }),
          gzipped(source, { level: constants.Z_BEST_COMPRESSION }),
        ]);
        if (br.length < source.length) await writeFile(`${path}.br`, br);
        if (gz.length < source.length) await writeFile(`${path}.gz`, gz);
      }),
  );
}

/** The Vite plugin: after each environment's files are written, their compressed copies. */
export function precompress(): Plugin {
  return {
    name: 'e-konsultant:precompress',
    apply: 'build',
    enforce: 'post',
    async writeBundle(options, bundle) {
      if (!options.dir) throw new Error('precompress: the build has no output directory');
      await precompressFiles(options.dir, Object.keys(bundle));
    },
  };
}
