/**
 * Re-takes the README's screenshots from a real server and real Chromium:
 *   npx vite build && npx tsx scripts/screenshots.ts
 */
import { launchBrowser } from '../e2e/support/browser';
import { addStaffUser, startServerProcess } from '../e2e/support/server';

const PASSWORD = 'screenshot passphrase';

async function main(): Promise<void> {
  const server = await startServerProcess();
  const browser = await launchBrowser();
  try {
    await addStaffUser(server.databaseUrl, { email: 'anna@urzad.example', name: 'Anna Nowak', password: PASSWORD });
    const visitor = await (await browser.newContext({ viewport: { width: 360, height: 720 }, locale: 'uk-UA' })).newPage();
    await visitor.goto(server.baseUrl);
    await visitor.getByTestId('topic-select').selectOption('work');
    await visitor.getByTestId('visitor-name').fill('Oksana');
    await visitor.getByTestId('privacy-accept').check();
    await visitor.getByTestId('start-button').click();
    await visitor.getByTestId('message-input').fill('Добрий день! Я втратила роботу. Що мені робити з дозволом на проживання?');
    await visitor.getByTestId('send-button').click();

    const consultant = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'pl-PL' })).newPage();
    await consultant.goto(`${server.baseUrl}/console/`);
    await consultant.getByTestId('login-email').fill('anna@urzad.example');
    await consultant.getByTestId('login-password').fill(PASSWORD);
    await consultant.getByTestId('login-submit').click();
    await consultant.getByTestId('take-button').first().click();
    await consultant.getByTestId('message-input').fill(
      'Добрий день! Повідомте воєводу письмово протягом 15 робочих днів. Дозвіл не буде скасовано протягом 30 днів — за цей час можна знайти нового роботодавця.',
    );
    await consultant.getByTestId('send-button').click();
    await visitor.getByTestId('message').filter({ hasText: '15 робочих' }).waitFor();
    await visitor.waitForTimeout(300);
    await visitor.screenshot({ path: 'docs/screenshots/visitor.png' });
    await consultant.screenshot({ path: 'docs/screenshots/console.png' });

    // The reports screen: the conversation closed and rated, a few visitors who gave up waiting.
    await consultant.getByTestId('close-outcome').selectOption('answered');
    await consultant.getByTestId('close-button').click();
    await visitor.getByLabel('5 – Дуже допомогла').check();
    await visitor.getByTestId('satisfaction-send').click();
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
    await supervisor.getByTestId('report-table-by_group').scrollIntoViewIfNeeded();
    await supervisor.waitForTimeout(300);
    await supervisor.screenshot({ path: 'docs/screenshots/reports.png' });
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
