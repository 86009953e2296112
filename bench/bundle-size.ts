/**
 * The visitor page's first load: the entry script, its modulepreloads and its static import graph,
 * the stylesheets and the fonts they use, each gzipped with zlib (default level) and summed. Lazy
 * chunks (the conversation, fetched while the start form is filled in; calls, files, booking, leaving
 * a message; the other languages' locales) are left out. The manifest read is the visitor build's
 * (vite.config.ts builds the staff apps apart, without one). Built into a temp directory, so
 * dist/web, which a running server or test may be using, is left alone.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WIDGET_SCRIPT } from '../src/server/office/widget-script';
import { REPO_ROOT } from './server';

const BUILD_TIMEOUT_MS = 180_000;
const FONT = /\.(woff2?|ttf|otf|eot)$/;

interface ManifestChunk {
  file: string;
  src?: string;
  imports?: string[];
  css?: string[];
  assets?: string[];
}

export interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleResult {
  js: AssetSize[];
  css: AssetSize[];
  fonts: AssetSize[];
  /** The default language's locale chunks: lazy (outside the sum) but fetched at start-up. */
  defaultLocale: AssetSize[];
  /** widget.js, which the office's own site loads (src/server/office/widget-script.ts); budget 5 KB gzip. */
  totals: { jsGzip: number; cssGzip: number; fontsGzip: number; defaultLocaleGzip: number; widgetGzip: number };
}

/** `vite build` of all three apps into `outDir`, with the manifest. */
export function buildWeb(outDir: string): Promise<void> {
  const args = ['--no-install', 'vite', 'build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn'];
  return new Promise((done, fail) => {
    const child = spawn('npx', args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) done();
      else fail(new Error(`vite build failed (${code}):\n${output}`));
    });
  });
}

const attribute = (html: string, tag: RegExp, name: string) =>
  [...html.matchAll(tag)].map((m) => new RegExp(`${name}="([^"]+)"`).exec(m[0])?.[1]).filter((v): v is string => Boolean(v)).map((v) => v.replace(/^\//, ''));

/** Follows static imports from `roots`, never dynamic ones. */
function staticGraph(manifest: Record<string, ManifestChunk>, roots: string[]): ManifestChunk[] {
  const byFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    manifest[key].imports?.forEach(visit);
  };
  roots.forEach((file) => visit(byFile.get(file) ?? file));
  return [...seen].map((key) => manifest[key]!);
}

function measure(outDir: string, files: Iterable<string>): AssetSize[] {
  return [...new Set(files)].map((file) => {
    const content = readFileSync(join(outDir, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content).length };
  });
}

/** Font files a stylesheet refers to, as paths inside the build. */
function fontsIn(cssFile: string, css: string): string[] {
  const urls = [...css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1]!.split(/[?#]/)[0]!);
  return urls.filter((u) => FONT.test(u)).map((u) => (u.startsWith('/') ? u.slice(1) : posix.join(posix.dirname(cssFile), u)));
}

export async function measureVisitorBundle(defaultLanguage = 'pl'): Promise<BundleResult> {
  const outDir = mkdtempSync(join(tmpdir(), 'ek-bench-web-'));
  try {
    await buildWeb(outDir);
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
    const entries = attribute(html, /<script\b[^>]*type="module"[^>]*>/g, 'src');
    const preloads = attribute(html, /<link\b[^>]*rel="modulepreload"[^>]*>/g, 'href');
    const chunks = staticGraph(manifest, [...entries, ...preloads]);
    const cssFiles = [...attribute(html, /<link\b[^>]*rel="stylesheet"[^>]*>/g, 'href'), ...chunks.flatMap((c) => c.css ?? [])];
    const fontFiles = [
      ...chunks.flatMap((c) => c.assets ?? []).filter((f) => FONT.test(f)),
      ...cssFiles.flatMap((f) => fontsIn(f, readFileSync(join(outDir, f), 'utf8'))),
    ];
    const localePattern = new RegExp(`locales/${defaultLanguage}/(common|visitor)\\.json$`);
    const localeFiles = Object.values(manifest).filter((c) => c.src && localePattern.test(c.src)).map((c) => c.file);
    const result = {
      js: measure(outDir, [...entries, ...preloads, ...chunks.map((c) => c.file)]),
      css: measure(outDir, cssFiles),
      fonts: measure(outDir, fontFiles),
      defaultLocale: measure(outDir, localeFiles),
    };
    const sum = (assets: AssetSize[]) => assets.reduce((total, a) => total + a.gzipBytes, 0);
    return {
      ...result,
      totals: {
        jsGzip: sum(result.js),
        cssGzip: sum(result.css),
        fontsGzip: sum(result.fonts),
        defaultLocaleGzip: sum(result.defaultLocale),
        widgetGzip: gzipSync(WIDGET_SCRIPT).length,
      },
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
