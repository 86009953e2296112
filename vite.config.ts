import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The browser apps: the visitor page at `/`, the staff console at `/console/` and the admins' pages
 * at `/admin/`, built into dist/web and served by the Fastify server. JSX is Preact's (tsconfig jsxImportSource).
 */
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/web'),
  base: '/',
  publicDir: false,
  build: {
    outDir: resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
    rollupOptions: {
      input: {
        visitor: resolve(import.meta.dirname, 'src/web/index.html'),
        console: resolve(import.meta.dirname, 'src/web/console/index.html'),
        admin: resolve(import.meta.dirname, 'src/web/admin/index.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/ws': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
