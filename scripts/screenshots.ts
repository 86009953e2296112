/**
 * Re-takes the README's screenshots from a real server and real Chromium:
 *   npx vite build && npx tsx scripts/screenshots.ts
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser';
import { addStaffUser, startServerProcess, type ServerProcess } from '../e2e/support/server';

const PASSWORD = 'screenshot passphrase';
const PHONE = { width: 360, height: 720 };

interface Exchange {
  /** The visitor's browser locale, and `?lang=` when the page should not follow the browser. */
  locale: string;
  lang?: string;
  visitorName: string;
  question: string;
  answer: string;
}

/** A visitor on a phone asks, the signed-in consultant takes the conversation and answers. */
async function converse(server: ServerProcess, browser: Browser, consultant: Page, exchange: Exchange): Promise<Page> {
  const visitor = await (await browser.newContext({ viewport: PHONE, locale: exchange.locale })).newPage();
  await visitor.goto(exchange.lang ? `${server.baseUrl}/?lang=${exchange.lang}` : server.baseUrl);
  await visitor.getByTestId('topic-select').selectOption('work');
  await visitor.getByTestId('visitor-name').fill(exchange.visitorName);
  await visitor.getByTestId('privacy-accept').check();
  await visitor.getByTestId('start-button').click();
  await visitor.getByTestId('message-input').fill(exchange.question);
  await visitor.getByTestId('send-button').click();
  await consultant.getByTestId('queue-item').filter({ hasText: exchange.visitorName }).getByTestId('take-button').click();
  await consultant.getByTestId('message-input').fill(exchange.answer);
  await consultant.getByTestId('send-button').click();
  await visitor.getByTestId('message').filter({ hasText: exchange.answer.slice(0, 20) }).waitFor();
  await visitor.waitForTimeout(300);
  return visitor;
}

async function main(): Promise<void> {
  const server = await startServerProcess({ LANGUAGES: 'pl,en,uk,ru,ar' });
  const browser = await launchBrowser();
  try {
    await addStaffUser(server.databaseUrl, { email: 'anna@urzad.example', name: 'Anna Nowak', password: PASSWORD });
    const consultant = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'pl-PL' })).newPage();
    await consultant.goto(`${server.baseUrl}/console/`);
    await consultant.getByTestId('login-email').fill('anna@urzad.example');
    await consultant.getByTestId('login-password').fill(PASSWORD);
    await consultant.getByTestId('login-submit').click();

    const ukrainian = await converse(server, browser, consultant, {
      locale: 'uk-UA',
      visitorName: 'Oksana',
      question: 'Добрий день! Я втратила роботу. Що мені робити з дозволом на проживання?',
      answer:
        'Добрий день! Повідомте воєводу письмово протягом 15 робочих днів. Дозвіл не буде скасовано протягом 30 днів — за цей час можна знайти нового роботодавця.',
    });
    await ukrainian.screenshot({ path: 'docs/screenshots/visitor.png' });
    await consultant.screenshot({ path: 'docs/screenshots/console.png' });

    // The reports screen: the conversation closed and rated, a few visitors who gave up waiting.
    await consultant.getByTestId('close-outcome').selectOption('answered');
    await consultant.getByTestId('close-button').click();
    await ukrainian.getByLabel('5 – Дуже допомогла').check();
    await ukrainian.getByTestId('satisfaction-send').click();
    for (const language of ['pl', 'en', 'ru']) {
      const started = await fetch(`${server.baseUrl}/api/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ language, topic: 'work', privacyAccepted: true }),
      });
      if (!started.ok) throw new Error(`start failed: ${started.status}`);
    }
    await addStaffUser(server.databaseUrl, { email: 'ewa@urzad.example', name: 'Ewa Wiśniewska', password: PASSWORD, role: 'supervisor' });
    const supervisor = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pl-PL' })).newPage();
    await supervisor.goto(`${server.baseUrl}/admin/#/reports`);
    await supervisor.getByTestId('login-email').fill('ewa@urzad.example');
    await supervisor.getByTestId('login-password').fill(PASSWORD);
    await supervisor.getByTestId('login-password').press('Enter');
    await supervisor.getByTestId('report-chart-by_group').locator('canvas').waitFor();
    await supervisor.waitForTimeout(300);
    // From the top of the page (the heading and the period picker, then the summary) down to the first chart.
    await supervisor.evaluate(() => window.scrollTo(0, 0));
    const byGroup = (await supervisor.getByTestId('report-chart-by_group').boundingBox())!;
    await supervisor.screenshot({ path: 'docs/screenshots/reports.png', fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.ceil(byGroup.y + byGroup.height + 8) } });

    const arabic = await converse(server, browser, consultant, {
      locale: 'ar',
      lang: 'ar',
      visitorName: 'فاطمة',
      question: 'مرحبًا! فقدت عملي. ماذا أفعل بتصريح الإقامة؟',
      answer: 'مرحبًا! أبلغ المحافظ كتابيًا خلال 15 يوم عمل. لن يُلغى التصريح خلال 30 يومًا، ويمكنك في هذه المدة إيجاد صاحب عمل جديد.',
    });
    await arabic.screenshot({ path: 'docs/screenshots/visitor-ar.png' });
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
