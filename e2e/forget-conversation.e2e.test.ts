/**
 * Finding 9: the visitor's device forgets a finished conversation. Once it ends, the visitor can
 * erase it from the device (and its token on the server): the start page comes back, a reload does
 * not bring the conversation back, and the stored token no longer opens it. Axe-clean.
 */
import { expect, it } from 'vitest';
import { axeViolations, describeInChromium } from './support/browser';
import { setUpDesk } from './support/desk';

describeInChromium('erasing a finished conversation from the device', () => {
  const desk = setUpDesk();
  const { conversationInProgress } = desk;

  it('offers to erase the ended conversation, asks first, stays with an error when erasing fails, and after it the device and the server forget it', async () => {
    const { visitor } = await conversationInProgress({}, { bypassCSP: true });
    const token = await visitor.evaluate(() => (JSON.parse(localStorage.getItem('ek.visitor.session') ?? '{}') as { token?: string }).token);
    expect(token).toBeTruthy();

    await visitor.getByTestId('end-button').click();
    await visitor.getByTestId('end-confirm').click();
    await visitor.getByTestId('conversation-ended').waitFor();
    expect(await axeViolations(visitor)).toEqual([]);

    // Asked first; going back keeps it.
    await visitor.getByTestId('forget-conversation-button').click();
    await visitor.getByTestId('forget-cancel').click();
    // Offline, erasing fails: the visitor is told and stays with the conversation.
    await visitor.context().setOffline(true);
    await visitor.getByTestId('forget-conversation-button').click();
    await visitor.getByTestId('forget-confirm').click();
    await visitor.getByTestId('ended-failure').waitFor();
    expect(await visitor.getByTestId('conversation-ended').count()).toBe(1);
    expect(await visitor.evaluate(() => localStorage.getItem('ek.visitor.session'))).not.toBeNull();
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.context().setOffline(false);

    await visitor.getByTestId('forget-conversation-button').click();
    await visitor.getByTestId('forget-confirm').click();
    await visitor.getByTestId('start-button').waitFor();
    expect(await visitor.evaluate(() => localStorage.getItem('ek.visitor.session'))).toBeNull();
    await visitor.reload();
    await visitor.getByTestId('start-button').waitFor();
    expect(await visitor.getByTestId('conversation-ended').count()).toBe(0);

    const transcript = await fetch(`${desk.server.baseUrl}/api/conversations/current/transcript`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await transcript.json()) as { code: string }).code).toBe('conversation_not_found');
  });
});
