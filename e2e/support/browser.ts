/**
 * Real Chromium (the Debian package) driven by playwright-core. Where Chromium is missing the
 * suite is skipped with the reason printed, except when E2E_REQUIRED is set (CI), where that is
 * an error.
 */
import { describe } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const BASE_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumAvailable = existsSync(CHROMIUM_PATH);

if (!chromiumAvailable) {
  if (process.env.E2E_REQUIRED) throw new Error(`E2E_REQUIRED is set but ${CHROMIUM_PATH} does not exist (apt-get install chromium).`);
  console.warn(`[e2e] ${CHROMIUM_PATH} not found: the end-to-end suite is skipped (apt-get install chromium to run it).`);
}

/** `describe` for suites that drive Chromium: skipped (with the warning above) only where it is missing. */
export const describeInChromium = describe.skipIf(!chromiumAvailable);

/**
 * For calls: a fake camera and microphone (a test pattern and a tone), WebRTC between local
 * addresses, and sound without a click. Camera permission is granted per context
 * (`context.grantPermissions`), so a context without it can test a refusal.
 */
export const MEDIA_FLAGS = ['--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'];

export function launchBrowser(extraFlags: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...BASE_FLAGS, ...extraFlags] });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page. The page's context must be created with
 * `bypassCSP: true`, since our CSP rightly forbids the injected script.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}
