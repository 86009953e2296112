/**
 * "No trackers", pinned: the visitor's call screen, like every other visitor page (office.e2e.test.ts)
 * and the widget (widget.e2e.test.ts), makes no request to any origin but the desk's.
 */
import { expect, it } from 'vitest';
import { MEDIA_FLAGS, describeInChromium } from './support/browser';
import { setUpDesk, takeNewest } from './support/desk';

const WITH_MEDIA = { permissions: ['camera', 'microphone'] };

describeInChromium('no trackers on the call screen', () => {
  const desk = setUpDesk({}, MEDIA_FLAGS);

  it('asks no other origin for anything while a visitor answers and holds a voice call', async () => {
    const visitor = await desk.newPage(WITH_MEDIA);
    const requested: string[] = [];
    visitor.on('request', (request) => requested.push(request.url()));
    const consultant = await desk.newPage(WITH_MEDIA);
    await desk.signInConsultant(consultant, 'Anna');
    await desk.startAsVisitor(visitor);
    await takeNewest(consultant);
    await consultant.getByTestId('call-start-voice').click();
    await consultant.getByTestId('call-explanation').waitFor();
    await consultant.getByTestId('call-continue').click();
    await visitor.getByTestId('call-accept').click();
    await expect.poll(() => visitor.getByTestId('call-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('connected');

    const origin = new URL(desk.server.baseUrl).origin;
    expect(requested.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url))).toEqual([]);
    expect(requested.some((url) => url.includes('/call'))).toBe(true);
  });
});
