/**
 * Voice and video calls in real Chromium with a fake camera and microphone: media really flows
 * between two (or three) browser contexts over WebRTC on loopback, and is checked with getStats
 * (the numbers the call's quality indicator shows, in data attributes of the call view).
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { MEDIA_FLAGS, axeViolations, describeInChromium } from './support/browser';
import { message, PASSWORD, send, setUpDesk, takeNewest } from './support/desk';

const WITH_MEDIA = { permissions: ['camera', 'microphone'], bypassCSP: true };
const CONNECT_TIMEOUT = 20_000;

const remote = (page: Page) => page.getByTestId('call-remote');
const numberAttr = async (page: Page, testId: string, name: string) => Number(await page.getByTestId(testId).first().getAttribute(name));
const framesDecoded = (page: Page, peerIndex = 0) => remote(page).nth(peerIndex).getAttribute('data-frames-decoded').then(Number);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function connected(page: Page) {
  await expect.poll(() => page.getByTestId('call-status').getAttribute('data-state'), { timeout: CONNECT_TIMEOUT }).toBe('connected');
}

/** A counter the stats refresh every 2 s: read it, wait, read again. */
async function grows(read: () => Promise<number>, waitMs = 4_500): Promise<boolean> {
  const before = await read();
  await pause(waitMs);
  return (await read()) > before;
}

describeInChromium('calls in the browser', () => {
  const desk = setUpDesk({}, MEDIA_FLAGS);
  const { newPage, startAsVisitor, signInConsultant } = desk;

  async function conversation(visitorOptions: Parameters<typeof newPage>[0] = WITH_MEDIA) {
    const visitor = await newPage(visitorOptions);
    const consultant = await newPage({ ...WITH_MEDIA, viewport: { width: 1280, height: 900 } });
    await signInConsultant(consultant, 'Anna');
    await startAsVisitor(visitor, { name: 'Oksana' });
    await takeNewest(consultant);
    return { visitor, consultant };
  }

  async function call(consultant: Page, kind: 'voice' | 'video') {
    await consultant.getByTestId(`call-start-${kind}`).click();
    await consultant.getByTestId('call-explanation').waitFor();
    await consultant.getByTestId('call-continue').click();
  }

  it('video call from the consultant: both connect and decode video, mute and camera-off stop sending, hang-up ends it for both, history has the duration', async () => {
    const { visitor, consultant } = await conversation({ ...WITH_MEDIA, viewport: { width: 360, height: 740 } });
    await call(consultant, 'video');

    const prompt = visitor.getByTestId('call-incoming');
    await prompt.waitFor();
    expect(await prompt.getAttribute('role')).toBe('alertdialog');
    await expect.poll(() => visitor.getByTestId('announcer').last().textContent()).toContain('Incoming video call from Anna');
    // The prompt takes the focus: answering needs only the keyboard.
    await expect.poll(() => visitor.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('call-accept');
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.keyboard.press('Enter');

    await connected(visitor);
    await connected(consultant);
    for (const page of [visitor, consultant]) {
      await expect.poll(() => framesDecoded(page), { timeout: CONNECT_TIMEOUT }).toBeGreaterThan(0);
      expect(await grows(() => framesDecoded(page))).toBe(true);
    }
    expect(await axeViolations(visitor)).toEqual([]);
    expect(await axeViolations(consultant)).toEqual([]);
    const overflow = await visitor.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // The chat goes on during the call (on the visitor's phone under the full-screen call).
    await send(consultant, 'Can you see me?');
    await message(visitor, 'Can you see me?').waitFor();

    const audioSent = () => numberAttr(consultant, 'call-outbound', 'data-audio-bytes-sent');
    const videoSent = () => numberAttr(consultant, 'call-outbound', 'data-video-bytes-sent');
    expect(await grows(audioSent)).toBe(true);
    await consultant.getByTestId('call-mute').click();
    expect(await consultant.getByTestId('call-mute').getAttribute('aria-pressed')).toBe('true');
    await pause(2_500);
    expect(await grows(audioSent)).toBe(false);
    expect(await grows(videoSent)).toBe(true);

    await consultant.getByTestId('call-camera').click();
    await pause(2_500);
    expect(await grows(videoSent)).toBe(false);
    expect(await grows(() => framesDecoded(visitor))).toBe(false);

    await visitor.getByTestId('call-hangup').click();
    await visitor.getByTestId('call-hangup-confirm').click(); // the visitor is asked first
    await expect.poll(() => consultant.getByTestId('call-ended-reason').getAttribute('data-reason')).toBe('hangup');
    // On the phone the call closes itself (e2e/phone-video-call.e2e.test.ts); the chat keeps its record.
    await expect.poll(() => visitor.getByTestId('call-active').count()).toBe(0);
    for (const page of [visitor, consultant]) {
      const record = message(page, 'Video call started by Anna');
      await record.waitFor();
      expect(await record.textContent()).toMatch(/duration \d+:\d\d/);
    }
  }, 120_000);

  it('voice-only call: audio flows both ways with no video', async () => {
    const { visitor, consultant } = await conversation();
    await call(consultant, 'voice');
    await visitor.getByTestId('call-incoming').waitFor();
    expect(await visitor.getByTestId('call-accept-audio').count()).toBe(0);
    await visitor.getByTestId('call-accept').click();
    await connected(visitor);
    await connected(consultant);
    for (const page of [visitor, consultant]) {
      expect(await grows(() => numberAttr(page, 'call-outbound', 'data-audio-bytes-sent'))).toBe(true);
      expect(await numberAttr(page, 'call-outbound', 'data-video-bytes-sent')).toBe(0);
      expect(await page.getByTestId('call-camera').count()).toBe(0);
    }
    await consultant.getByTestId('call-hangup').click();
    await message(visitor, 'Voice call started by Anna').waitFor();
    await message(consultant, 'Voice call started by Anna').waitFor();
  });

  it('declined call: both sides see it, the history says so, and the chat goes on', async () => {
    const { visitor, consultant } = await conversation();
    await call(consultant, 'video');
    await visitor.getByTestId('call-decline').click();
    await visitor.getByTestId('call-decline-confirm').click(); // the visitor is asked first
    await expect.poll(() => consultant.getByTestId('call-ended-reason').getAttribute('data-reason')).toBe('declined');
    await message(consultant, 'was declined').waitFor();
    await message(visitor, 'was declined').waitFor();
    await send(visitor, 'Sorry, I can only write now');
    await message(consultant, 'Sorry, I can only write now').waitFor();
    // One click calls again.
    await consultant.getByTestId('call-redial').click();
    await consultant.getByTestId('call-explanation').waitFor();
  });

  it('a visitor without camera or microphone permission is told why and goes on in text', async () => {
    const { visitor, consultant } = await conversation({ bypassCSP: true });
    await call(consultant, 'video');
    await visitor.getByTestId('call-incoming').waitFor();
    // Before the browser's prompt, the page says why it asks.
    expect(await visitor.getByTestId('call-incoming').textContent()).toContain('camera and microphone');
    await visitor.getByTestId('call-accept').click();
    const error = visitor.getByTestId('call-error');
    await error.waitFor();
    expect(await error.getAttribute('data-reason')).toBe('permissionDenied');
    expect(await error.textContent()).toContain('keep writing in the chat');
    expect(await axeViolations(visitor)).toEqual([]);
    await expect.poll(() => consultant.getByTestId('call-ended-reason').getAttribute('data-reason')).toBe('declined');
    await send(visitor, 'Text is fine');
    await message(consultant, 'Text is fine').waitFor();
  });

  it('the visitor asks for a call and the consultant sees the request', async () => {
    const { visitor, consultant } = await conversation();
    await visitor.getByTestId('call-ask').click();
    await visitor.getByTestId('call-asked').waitFor();
    await message(consultant, 'The visitor asks to be called.').waitFor();
  });

  it('three-party call with a sign-language interpreter: everyone decodes video from both others', async () => {
    const { visitor, consultant } = await conversation();
    const interpreter = await newPage({ ...WITH_MEDIA, viewport: { width: 1280, height: 900 } });
    const interpreterEmail = await signInConsultant(interpreter, 'Marta PJM');
    await markAsInterpreter(interpreterEmail, ['pjm']);

    await call(consultant, 'video');
    await visitor.getByTestId('call-accept').click();
    await connected(consultant);

    await consultant.getByTestId('call-interpreter').locator('summary').click();
    await consultant.getByTestId('call-interpreter-find').click();
    await consultant.getByTestId('call-interpreter-invite').filter({ hasText: 'Marta PJM' }).click();
    const invitation = interpreter.getByTestId('call-incoming');
    await invitation.waitFor();
    expect(await invitation.textContent()).toContain('Anna invites you to interpret');
    await interpreter.getByTestId('call-accept').click();

    for (const page of [visitor, consultant, interpreter]) {
      await expect.poll(() => remote(page).count(), { timeout: CONNECT_TIMEOUT }).toBe(2);
      for (const index of [0, 1]) {
        await expect.poll(() => framesDecoded(page, index), { timeout: CONNECT_TIMEOUT }).toBeGreaterThan(0);
      }
    }
    await message(visitor, 'Marta PJM (interpreter) joined').waitFor();
  }, 150_000);

  /** Staff mark someone as an interpreter in /admin (the admin API), as an office would. */
  async function markAsInterpreter(email: string, languages: string[]) {
    const adminEmail = await desk.createConsultant('Admin', 'admin');
    const base = desk.server.baseUrl;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: adminEmail, password: PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { staff } = (await (await fetch(`${base}/api/admin/staff`, { headers: { cookie } })).json()) as { staff: { id: string; email: string }[] };
    const id = staff.find((s) => s.email === email)!.id;
    const patched = await fetch(`${base}/api/admin/staff/${id}`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ interpreterLanguages: languages }),
    });
    expect(patched.status).toBe(200);
  }
});

describeInChromium('a call nobody answers', () => {
  const desk = setUpDesk({ CALL_RING_SECONDS: '3' }, MEDIA_FLAGS);

  it('ends as missed on both sides after CALL_RING_SECONDS and is recorded', async () => {
    const visitor = await desk.newPage(WITH_MEDIA);
    const consultant = await desk.newPage(WITH_MEDIA);
    await desk.signInConsultant(consultant, 'Anna');
    await desk.startAsVisitor(visitor);
    await takeNewest(consultant);
    await consultant.getByTestId('call-start-voice').click();
    await consultant.getByTestId('call-continue').click();
    await visitor.getByTestId('call-incoming').waitFor();
    for (const page of [visitor, consultant]) {
      await expect.poll(() => page.getByTestId('call-ended-reason').getAttribute('data-reason'), { timeout: 15_000 }).toBe('missed');
      await message(page, 'was not answered').waitFor();
    }
  });
});
