/**
 * Whether the visitor is there, as the consultants see it: present (a socket open, the page
 * visible), away (page hidden), gone (no socket anywhere) — derived where the visitor's sockets
 * are and told to the consoles of every instance over the bus.
 */
import { describe, expect, it } from 'vitest';
import type { VisitorPresence } from '../../../src/shared/protocol';
import { PRESENCE_STALE_MS } from '../../../src/server/inactivity/service';
import { connectStaff, connectVisitor, signedInStaff, startConversation, twoInstancesForSuite } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import type { TestSocket } from '../../support/ws-client';
import { ROUTING_TEST_ENV } from '../routing/support';

describe.each(databaseTargets)('the visitor’s presence shown to consultants on $engine, two instances', (target) => {
  const instances = twoInstancesForSuite(target, ROUTING_TEST_ENV);

  const presenceOf = (console: TestSocket, conversationId: string, presence: VisitorPresence) =>
    console.next('visitor.presence', (frame) => frame.conversationId === conversationId && frame.presence === presence);

  it('tells a console on the other instance when the visitor comes, hides the page, shows it again and leaves; a console that connects later is told at once', async () => {
    const [first, second] = instances();
    const staff = await signedInStaff(first);
    const { socket: console } = await connectStaff(first, staff.cookie);
    const started = await startConversation(first);
    const { conversation } = await console.next('conversation.updated', (frame) => frame.conversation.status === 'waiting');

    const { socket: visitor } = await connectVisitor(second, started.token);
    await presenceOf(console, conversation.id, 'present');
    visitor.send({ type: 'visitor.visibility', visible: false });
    await presenceOf(console, conversation.id, 'away');

    const { socket: later, welcome } = await connectStaff(first, staff.cookie);
    expect(welcome.conversations.map((listed) => listed.id)).toContain(conversation.id);
    await presenceOf(later, conversation.id, 'away');

    visitor.send({ type: 'visitor.visibility', visible: true });
    await presenceOf(console, conversation.id, 'present');
    // The same state again changes nothing and tells nobody.
    visitor.send({ type: 'visitor.visibility', visible: true });
    visitor.close();
    await presenceOf(console, conversation.id, 'gone');
    await presenceOf(later, conversation.id, 'gone');
    const told = console.received.filter((frame) => frame.type === 'visitor.presence' && frame.conversationId === conversation.id);
    expect(told.map((frame) => frame.type === 'visitor.presence' && frame.presence)).toEqual(['present', 'away', 'present', 'gone']);
    console.close();
    later.close();
  });

  it('keeps a visitor with a socket on each instance there when one closes, and lets one no live instance vouches for go', async () => {
    const [first, second] = instances();
    const staff = await signedInStaff(first);
    const { socket: console } = await connectStaff(first, staff.cookie);
    const started = await startConversation(first);
    const { conversation } = await console.next('conversation.updated', (frame) => frame.conversation.status === 'waiting');
    const { socket: onFirst } = await connectVisitor(first, started.token);
    const { socket: onSecond } = await connectVisitor(second, started.token);
    await presenceOf(console, conversation.id, 'present');

    // The first instance sees its last socket of the visitor close; the second still holds one and says so at its sweep.
    onFirst.close();
    await presenceOf(console, conversation.id, 'gone');
    await second.app.inactivity.sweep();
    await presenceOf(console, conversation.id, 'present');

    // The second instance stops vouching (as if it died): past the staleness limit, another instance's sweep lets the visitor go.
    first.clock.advance(PRESENCE_STALE_MS + 1);
    await first.app.inactivity.sweep();
    await presenceOf(console, conversation.id, 'gone');
    second.clock.advance(PRESENCE_STALE_MS + 1);
    onSecond.close();
    console.close();
  });

  it('refuses a visibility frame from a staff socket and a malformed one, writing nothing', async () => {
    const [first] = instances();
    const staff = await signedInStaff(first);
    const { socket: console } = await connectStaff(first, staff.cookie);
    console.send({ type: 'visitor.visibility', visible: false });
    expect(await console.next('error')).toMatchObject({ code: 'forbidden' });
    const started = await startConversation(first);
    const { socket: visitor } = await connectVisitor(first, started.token);
    visitor.sendRaw(JSON.stringify({ type: 'visitor.visibility', visible: 'no' }));
    expect(await visitor.next('error')).toMatchObject({ code: 'invalid_frame' });
    visitor.close();
    console.close();
  });
});
