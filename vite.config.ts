import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { precompress } from './scripts/precompress.ts';

const page = (path: string) => resolve(import.meta.dirname, 'src/web', path);

/**
 * The browser apps: the visitor page at `/`, the staff console at `/console/` and the admins' pages
 * at `/admin/`, built into dist/web and served by the Fastify server. JSX is Preact's (tsconfig jsxImportSource).
 *
 * The visitor page is bundled on its own (the `client` environment), the staff apps after it into
 * the same directory (`staff`): a module the apps shared would otherwise sit in one chunk with
 * everything any app uses of it, and the visitor's first load would carry the console's part.
 */
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/web'),
  base: '/',
  publicDir: false,
  plugins: [precompress()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    target: 'es2020',
    // Written for local debugging without the sourceMappingURL comment; the server never serves them.
    sourcemap: 'hidden',
    // Brotli at its top level (precompress) takes most of the build by design: no timing warning for it.
    rollupOptions: { checks: { bundlerTimings: false } },
  },
  environments: {
    // The manifest tells the server which chunks hold each language's strings (src/server/pages/routes.ts).
    client: { build: { manifest: true, rollupOptions: { input: { visitor: page('index.html') } } } },
    staff: {
      consumer: 'client',
      build: {
        // The visitor's build is already there; its manifest (bench/bundle-size.ts) stays the only one.
        emptyOutDir: false,
        manifest: false,
        rollupOptions: { input: { console: page('console/index.html'), admin: page('admin/index.html') } },
      },
    },
  },
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.client!);
      await builder.build(builder.environments.staff!);
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/ws': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
