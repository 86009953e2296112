/**
 * The visitor page as a phone on a poor connection gets it: real Chromium under CDP network
 * emulation, timing the start form until it is usable (cold cache, then warm: the same browser
 * context loading the page again) and, from a cold load, the first message until it is
 * acknowledged (shown with its seq). The web apps are built into a temp directory, so dist/web,
 * which a running server or test may be using, is left alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser';
import { buildWeb } from './bundle-size';
import { startServer, type BenchDatabase } from './server';

export interface NetworkProfile {
  name: string;
  /** Kilobits per second, each way. */
  kbps: number;
  rttMs: number;
}

export const NETWORK_PROFILES: NetworkProfile[] = [
  { name: '3G', kbps: 400, rttMs: 400 },
  { name: '2G', kbps: 50, rttMs: 2_000 },
];

export interface SlowNetworkResult {
  profile: NetworkProfile;
  /** Milliseconds until the start form can be used; undefined: not within the time allowed. */
  coldMs?: number;
  warmMs?: number;
  /** From pressing start (cold page) until the first message is shown acknowledged. */
  firstAckMs?: number;
  /** What the visitor saw after the first 3 s of a cold load (the boot message, or nothing). */
  earlyText: string;
}

const GIVE_UP_MS = 60_000;

async function emulate(page: Page, profile: NetworkProfile): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const bytesPerSecond = (profile.kbps * 1000) / 8;
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.rttMs,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  });
}

/** Loads the page and resolves the time until the start form takes input. */
async function timeToForm(page: Page, url: string): Promise<number> {
  const began = performance.now();
  await page.goto(url, { waitUntil: 'commit', timeout: GIVE_UP_MS });
  await page.getByTestId('start-button').waitFor({ timeout: GIVE_UP_MS });
  await page.getByTestId('topic-select').waitFor({ timeout: GIVE_UP_MS });
  return performance.now() - began;
}

async function timeToFirstAck(page: Page): Promise<number> {
  const began = performance.now();
  await page.getByTestId('topic-select').selectOption('work');
  await page.getByTestId('privacy-accept').check();
  await page.getByTestId('start-button').click();
  await page.getByTestId('message-input').fill('Dzień dobry');
  await page.getByTestId('send-button').click();
  await page.locator('[data-testid="message"][data-seq][data-author="visitor"]').first().waitFor({ timeout: GIVE_UP_MS });
  return performance.now() - began;
}

async function measureProfile(url: string, profile: NetworkProfile, browser: Awaited<ReturnType<typeof launchBrowser>>): Promise<SlowNetworkResult> {
  const context = await browser.newContext({ locale: 'pl-PL' });
  try {
    const page = await context.newPage();
    await emulate(page, profile);
    const result: SlowNetworkResult = { profile, earlyText: '' };
    const early = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      result.earlyText = (await page.locator('body').innerText().catch(() => '')).trim().split('\n')[0] ?? '';
    })();
    result.coldMs = await timeToForm(page, url).catch(() => undefined);
    await early;
    result.warmMs = await timeToForm(page, url).catch(() => undefined);
    if (result.warmMs !== undefined) result.firstAckMs = await timeToFirstAck(page).catch(() => undefined);
    return result;
  } finally {
    await context.close();
  }
}

export async function measureSlowNetworks(database: BenchDatabase, log: (text: string) => void): Promise<SlowNetworkResult[]> {
  const webDir = mkdtempSync(join(tmpdir(), 'ek-bench-web-'));
  try {
    log('slow network: vite build into a temp directory');
    await buildWeb(webDir);
    const server = await startServer({ databaseUrl: database.url, env: { STATIC_DIR: webDir } });
    const browser = await launchBrowser();
    try {
      const results: SlowNetworkResult[] = [];
      for (const profile of NETWORK_PROFILES) {
        log(`slow network: ${profile.name} (${profile.kbps} kbps, ${profile.rttMs} ms round trip)`);
        results.push(await measureProfile(`${server.baseUrl}/`, profile, browser));
      }
      return results;
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    rmSync(webDir, { recursive: true, force: true });
  }
}
