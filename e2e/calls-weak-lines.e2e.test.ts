/**
 * Calls on weak lines, in real Chromium with a fake camera and microphone (media really flows
 * between browser contexts over WebRTC on loopback): the automatic step-down from video to voice,
 * a visitor starting a call when /admin allows it, rejoining after a reload, a side that vanishes,
 * and the voice-only and missing-camera fallbacks.
 *
 * How the weak line is made: Chromium's network emulation (CDP Network.emulateNetworkConditions),
 * whose `packetLoss` applies to WebRTC's UDP, with throughput limits (without them the loss is not
 * applied). It binds to the sockets a peer connection opens, so it is switched on in the
 * consultant's page before the call, and a line that stays weak stays weak for that call: lifting
 * it later changes nothing. (libwebrtc's fake network, --force-fieldtrials=WebRTC-FakeNetwork…
 * Config, is not honoured by Debian's Chromium, and tc netem needs root.)
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { STAFF_LANGUAGES, UI_LANGUAGES } from '../src/shared/languages';
import { MEDIA_FLAGS, axeViolations, describeInChromium } from './support/browser';
import { message, PASSWORD, send, setUpDesk, takeNewest } from './support/desk';
import { inEveryLanguage } from './support/languages';

const WITH_MEDIA = { permissions: ['camera', 'microphone'], bypassCSP: true };
const CONNECT_TIMEOUT = 20_000;
/** The step-down needs a whole window of poor samples (8 s) once video flows on the weak line. */
const STEP_DOWN_TIMEOUT = 40_000;
/** A weak mobile line: a quarter of the packets lost, 150 kbit/s each way, some latency. */
const WEAK_LINE = { offline: false, latency: 40, downloadThroughput: 150_000 / 8, uploadThroughput: 150_000 / 8, packetLoss: 25 };
/** The drop path: 20 s after the link went down (noticed by ICE within seconds), checked every 2 s. */
const DROP_TIMEOUT = 60_000;

const remote = (page: Page) => page.getByTestId('call-remote');
const framesDecoded = (page: Page) => remote(page).first().getAttribute('data-frames-decoded').then(Number);
const videoBytesSent = (page: Page) => page.getByTestId('call-outbound').getAttribute('data-video-bytes-sent').then(Number);
const endReason = (page: Page) => page.getByTestId('call-ended-reason').getAttribute('data-reason');

async function connected(page: Page) {
  await expect.poll(() => page.getByTestId('call-status').getAttribute('data-state'), { timeout: CONNECT_TIMEOUT }).toBe('connected');
}

/** A counter the stats refresh every 2 s: it grows if, across three refreshes, it went up. */
async function keepsGrowing(read: () => Promise<number>) {
  const before = await read();
  await expect.poll(read, { timeout: 15_000 }).toBeGreaterThan(before);
}

/** A counter that stopped: two refreshes apart it reads the same. */
async function stopped(read: () => Promise<number>) {
  await expect
    .poll(async () => {
      const before = await read();
      await new Promise((resolve) => setTimeout(resolve, 4_500));
      return (await read()) - before;
    }, { timeout: 30_000 })
    .toBe(0);
}

const languagesOf = (page: Page, visitor: Page) => (page === visitor ? UI_LANGUAGES : STAFF_LANGUAGES);

/** From now on the page's new connections go over a weak line (the calls' UDP included). */
async function weakenLine(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', WEAK_LINE);
}

describeInChromium('calls on weak lines', () => {
  // Every interface language offered, so the new states are checked in each.
  const desk = setUpDesk({ LANGUAGES: UI_LANGUAGES.join(',') }, MEDIA_FLAGS);
  const { newPage, startAsVisitor, signInConsultant } = desk;

  async function conversation(visitorOptions: Parameters<typeof newPage>[0] = WITH_MEDIA) {
    const visitor = await newPage(visitorOptions);
    const consultant = await newPage({ ...WITH_MEDIA, viewport: { width: 1280, height: 900 } });
    await signInConsultant(consultant, 'Anna');
    await startAsVisitor(visitor, { name: 'Oksana' });
    await takeNewest(consultant);
    return { visitor, consultant };
  }

  async function videoCall(visitor: Page, consultant: Page, accept = 'call-accept') {
    await consultant.getByTestId('call-start-video').click();
    await consultant.getByTestId('call-continue').click();
    await visitor.getByTestId(accept).click();
    await connected(visitor);
    await connected(consultant);
  }

  it('a video call whose line stays weak steps down to voice by itself, both sides are told, and either can turn video back on', async () => {
    const { visitor, consultant } = await conversation();
    await consultant.getByTestId('call-start-video').click();
    await consultant.getByTestId('call-continue').waitFor(); // the call's code is loaded: the weak line slows only the call
    await weakenLine(consultant);
    await consultant.getByTestId('call-continue').click();
    await visitor.getByTestId('call-accept').click();
    await connected(visitor);
    await connected(consultant);
    expect(await consultant.getByTestId('call-weak-line').count()).toBe(0);
    await expect.poll(() => framesDecoded(visitor), { timeout: CONNECT_TIMEOUT }).toBeGreaterThan(0);
    // The number the rule reads: what the consultant may send on the weak line, as getStats reports it.
    await expect.poll(() => remote(consultant).first().getAttribute('data-outgoing-kbps').then(Number), { timeout: CONNECT_TIMEOUT }).toBeLessThan(150);
    for (const page of [consultant, visitor]) {
      await page.getByTestId('call-weak-line').waitFor({ timeout: STEP_DOWN_TIMEOUT });
      expect(await page.getByTestId('call-weak-line').textContent()).toContain('the call switched to voice only');
      expect(await page.locator('#call-heading').textContent()).toBe('Voice call');
    }
    // Video stopped both ways; the voice goes on.
    await stopped(() => videoBytesSent(consultant));
    await stopped(() => videoBytesSent(visitor));
    await keepsGrowing(() => consultant.getByTestId('call-outbound').getAttribute('data-audio-bytes-sent').then(Number));
    for (const page of [visitor, consultant]) {
      await inEveryLanguage(page, languagesOf(page, visitor), [[page.getByTestId('call-weak-line'), 'common:call.weakLine.text']]);
    }

    // The visitor turns video back on, for both. The line is still weak, so a new window starts
    // and may step down again later: video is checked flowing both ways at once, within it.
    await visitor.getByTestId('call-video-back').click();
    for (const page of [visitor, consultant]) await expect.poll(() => page.getByTestId('call-weak-line').count()).toBe(0);
    await Promise.all([keepsGrowing(() => framesDecoded(visitor)), keepsGrowing(() => framesDecoded(consultant))]);
  }, 150_000);

  it('a page reloaded during a call rejoins it, on the visitor\'s side and on the consultant\'s', async () => {
    const { visitor, consultant } = await conversation();
    await videoCall(visitor, consultant);

    for (const [reloaded, other] of [[visitor, consultant], [consultant, visitor]] as const) {
      await reloaded.reload();
      const rejoin = reloaded.getByTestId('call-rejoin');
      await rejoin.waitFor({ timeout: CONNECT_TIMEOUT });
      expect(await rejoin.textContent()).toContain('You are still in this call');
      await inEveryLanguage(reloaded, languagesOf(reloaded, visitor), [[rejoin, 'common:call.rejoin.text']]);
      await reloaded.getByTestId('call-rejoin-button').click();
      await connected(reloaded);
      await connected(other);
      // Fresh links both ways: the reloaded page decodes the other's video, and the other side decodes its new video.
      await expect.poll(() => framesDecoded(reloaded), { timeout: CONNECT_TIMEOUT }).toBeGreaterThan(0);
      await keepsGrowing(() => framesDecoded(other));
    }
    await visitor.getByTestId('call-hangup').click();
    await visitor.getByTestId('call-hangup-confirm').click();
    await expect.poll(() => endReason(consultant)).toBe('hangup');
  }, 150_000);

  it('a side that vanishes ends the call as cut off after 20 seconds, and the history says so', async () => {
    const { visitor, consultant } = await conversation();
    await videoCall(visitor, consultant);
    // The visitor's browser is gone without hanging up: the consultant's side holds the 20-second
    // timer (the server cannot see a peer link), so this waits in real time.
    await visitor.context().close();
    await expect.poll(() => consultant.getByTestId('call-ended-reason').count(), { timeout: DROP_TIMEOUT }).toBe(1);
    expect(await endReason(consultant)).toBe('dropped');
    expect(await consultant.getByTestId('call-ended-reason').textContent()).toBe('The call was cut off: the connection was lost.');
    await message(consultant, 'The connection was lost.').waitFor();
    expect(await consultant.getByTestId('call-redial').count()).toBe(1);
    await inEveryLanguage(consultant, STAFF_LANGUAGES, [[consultant.getByTestId('call-ended-reason'), 'common:call.ended.dropped']]);
  }, 120_000);

  it('voice-only fallback: the visitor answers a video call with voice only, later drops their camera altogether, and the call goes on', async () => {
    const { visitor, consultant } = await conversation();
    await videoCall(visitor, consultant, 'call-accept-audio');
    expect(await visitor.getByTestId('call-audio-only').count()).toBe(0);
    await keepsGrowing(() => framesDecoded(visitor));
    await keepsGrowing(() => visitor.getByTestId('call-outbound').getAttribute('data-audio-bytes-sent').then(Number));
    expect(await videoBytesSent(visitor)).toBe(0);
    await consultant.getByTestId('call-hangup').click();

    // A second call, answered with video; the visitor switches to voice only during it.
    await consultant.getByTestId('call-close').click();
    await visitor.getByTestId('call-close').click();
    await videoCall(visitor, consultant);
    await keepsGrowing(() => videoBytesSent(visitor));
    await visitor.getByTestId('call-audio-only').click();
    await stopped(() => videoBytesSent(visitor));
    await stopped(() => framesDecoded(consultant));
    expect(await visitor.evaluate(() => document.querySelectorAll('.call-tile--self').length)).toBe(0);
    await keepsGrowing(() => visitor.getByTestId('call-outbound').getAttribute('data-audio-bytes-sent').then(Number));
    await send(visitor, 'Voice is enough');
    await message(consultant, 'Voice is enough').waitFor();
  }, 150_000);

  it('missing-camera fallback: a visitor whose browser allows the microphone but not the camera is in the video call by voice, and told why', async () => {
    const { visitor, consultant } = await conversation({ permissions: ['microphone'], bypassCSP: true });
    await videoCall(visitor, consultant);
    const notice = visitor.getByTestId('call-active').locator('.call-notice');
    expect(await notice.textContent()).toBe('The camera is not available, so the call uses voice only.');
    await inEveryLanguage(visitor, UI_LANGUAGES, [[notice, 'common:call.error.noCamera']]);
    await keepsGrowing(() => visitor.getByTestId('call-outbound').getAttribute('data-audio-bytes-sent').then(Number));
    expect(await videoBytesSent(visitor)).toBe(0);
    // The visitor still sees the consultant.
    await keepsGrowing(() => framesDecoded(visitor));
  }, 120_000);
});

describeInChromium('a visitor starts a call when the office allows it', () => {
  const desk = setUpDesk({}, MEDIA_FLAGS);

  async function switchInAdmin(on: boolean) {
    const page = await desk.newPage({ bypassCSP: true });
    await page.goto(`${desk.server.baseUrl}/admin/`);
    await page.getByTestId('login-email').fill(await desk.createConsultant('Admin Ada', 'admin'));
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('nav-routing').click();
    const form = page.getByTestId('call-policy-form');
    await form.waitFor();
    if (on) await inEveryLanguage(page, STAFF_LANGUAGES, [[form, 'admin:calls.visitorMayStart']]);
    const box = form.getByRole('checkbox', { name: 'Visitors may start a voice or video call themselves' });
    if ((await box.isChecked()) !== on) await box.click();
    await page.getByTestId('call-policy-save').click();
    await page.getByTestId('announcer').filter({ hasText: 'Saved.' }).waitFor({ state: 'attached' });
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  }

  it('with the switch on in /admin the visitor calls and the consultant answers; with it off the visitor can only ask', async () => {
    const consultant = await desk.newPage({ ...WITH_MEDIA, viewport: { width: 1280, height: 900 } });
    await desk.signInConsultant(consultant, 'Anna');
    /** A visitor whose conversation the consultant took: the call buttons show in an active conversation. */
    const visitorInConversation = async () => {
      const visitor = await desk.newPage(WITH_MEDIA);
      await desk.startAsVisitor(visitor, { name: 'Oksana' });
      await takeNewest(consultant);
      return visitor;
    };
    const onlyAsking = async (visitor: Page) => {
      await visitor.getByTestId('call-ask').waitFor();
      expect(await visitor.getByTestId('call-start-voice').count()).toBe(0);
      expect(await visitor.getByTestId('call-start-video').count()).toBe(0);
    };

    // Off by default (CALLS_VISITOR_MAY_START): only asking is offered.
    await onlyAsking(await visitorInConversation());

    await switchInAdmin(true);
    const visitor = await visitorInConversation();
    await visitor.getByTestId('call-start-voice').click();
    expect(await visitor.getByTestId('call-ask').count()).toBe(0);
    await visitor.getByTestId('call-explanation').waitFor();
    await visitor.getByTestId('call-continue').click();
    const prompt = consultant.getByTestId('call-incoming');
    await prompt.waitFor();
    // The console names a calling visitor "Visitor" (the call does not carry their name).
    expect(await prompt.textContent()).toContain('Incoming voice call from Visitor');
    await consultant.getByTestId('call-accept').click();
    await connected(visitor);
    await connected(consultant);
    await keepsGrowing(() => consultant.getByTestId('call-outbound').getAttribute('data-audio-bytes-sent').then(Number));
    await visitor.getByTestId('call-hangup').click();
    await visitor.getByTestId('call-hangup-confirm').click();
    await message(consultant, 'Voice call started by the visitor').waitFor();
    await consultant.getByTestId('call-close').click();

    await switchInAdmin(false);
    await onlyAsking(await visitorInConversation());
  }, 150_000);
});
