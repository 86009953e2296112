/**
 * `npm run bench:calls`: how long a call takes to set up on loopback, from the consultant's click
 * (on "Continue", after the explanation) until both sides show "Connected", with the visitor
 * answering as soon as the prompt appears. Ten calls of each kind in real Chromium with a fake
 * camera and microphone, against a real server process; prints the median and the maximum.
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, MEDIA_FLAGS } from '../e2e/support/browser';
import { addStaffUser, startServerProcess } from '../e2e/support/server';

const ROUNDS = 10;
const PASSWORD = 'correct horse battery staple';
const TIMEOUT_MS = 30_000;

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  return page;
}

async function conversation(browser: Browser, baseUrl: string, databaseUrl: string): Promise<{ visitor: Page; consultant: Page }> {
  const email = `bench-${Date.now()}@example.org`;
  await addStaffUser(databaseUrl, { email, name: 'Bench', password: PASSWORD });
  const consultant = await newPage(browser);
  await consultant.goto(`${baseUrl}/console/`);
  await consultant.getByTestId('login-email').fill(email);
  await consultant.getByTestId('login-password').fill(PASSWORD);
  await consultant.getByTestId('login-submit').click();
  await consultant.getByTestId('logout').waitFor();
  const visitor = await newPage(browser);
  await visitor.goto(`${baseUrl}/?lang=en`);
  await visitor.getByTestId('topic-select').selectOption('work');
  await visitor.getByTestId('privacy-accept').check();
  await visitor.getByTestId('start-button').click();
  await visitor.getByTestId('message-input').waitFor();
  await consultant.getByTestId('queue-item').last().getByTestId('take-button').click();
  await consultant.getByTestId('message-input').waitFor();
  return { visitor, consultant };
}

const connected = (page: Page) => page.locator('[data-testid="call-status"][data-state="connected"]').waitFor();

async function oneCall(visitor: Page, consultant: Page, kind: 'voice' | 'video'): Promise<number> {
  await consultant.getByTestId(`call-start-${kind}`).click();
  const started = performance.now();
  await consultant.getByTestId('call-continue').click();
  await visitor.getByTestId('call-accept').click();
  await Promise.all([connected(visitor), connected(consultant)]);
  const elapsed = performance.now() - started;
  await consultant.getByTestId('call-hangup').click();
  for (const page of [consultant, visitor]) await page.getByTestId('call-close').click();
  return elapsed;
}

function summary(samples: number[]): { median: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median: Math.round(median), max: Math.round(sorted.at(-1)!) };
}

async function main(): Promise<void> {
  const server = await startServerProcess();
  const browser = await launchBrowser(MEDIA_FLAGS);
  try {
    const { visitor, consultant } = await conversation(browser, server.baseUrl, server.databaseUrl);
    const rows: string[] = [];
    for (const kind of ['video', 'voice'] as const) {
      const samples: number[] = [];
      for (let round = 0; round < ROUNDS; round++) samples.push(await oneCall(visitor, consultant, kind));
      const { median, max } = summary(samples);
      rows.push(`| ${kind === 'video' ? 'audio + video' : 'audio only'} | ${median} | ${max} | ${samples.map(Math.round).join(', ')} |`);
    }
    console.log(`Call set-up, click → both connected, loopback, ${ROUNDS} calls each (ms)\n`);
    console.log('| kind | median | max | all |\n| --- | --- | --- | --- |');
    for (const row of rows) console.log(row);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
