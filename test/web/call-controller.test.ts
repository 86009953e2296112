import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Call, CallKind, CallMember, CallPeer, CallSettings, ClientFrame, ServerFrame } from '../../src/shared/protocol';
import { CallController, type ControlledSession } from '../../src/web/common/call/call-controller';
import { CallSession, type CallSessionOptions, type JoinedPeer, type ReceivedSignal } from '../../src/web/common/call/call-session';
import { callChannel, type CallIntent } from '../../src/web/common/call/launcher';
import { CallError } from '../../src/web/common/call/media';

const CALL_ID = '00000000-0000-4000-8000-00000000ca11';
const CONVERSATION_ID = '00000000-0000-4000-8000-0000000000c1';
const CONSULTANT = '00000000-0000-4000-8000-0000000000a1';
const SUPERVISOR = '00000000-0000-4000-8000-0000000000b1';
const SETTINGS: CallSettings = { visitorMayStart: true, video: { width: 640, height: 480, frameRate: 15, maxBitrateKbps: 500 } };

const visitor: CallMember = { peer: 'visitor', name: 'Anna', role: 'visitor', joined: true, joins: 1 };
const consultant: CallMember = { peer: CONSULTANT, name: 'Jan', role: 'consultant', joined: true, joins: 1 };

function aCall(overrides: Partial<Call> = {}): Call {
  return {
    id: CALL_ID,
    conversationId: CONVERSATION_ID,
    kind: 'video',
    state: 'ringing',
    outcome: null,
    endReason: null,
    startedBy: 'visitor',
    startedAt: '2026-01-05T10:00:00.000Z',
    answeredAt: null,
    endedAt: null,
    members: [visitor],
    ...overrides,
  };
}

const ice: ServerFrame = { type: 'call.ice', callId: CALL_ID, iceServers: [{ urls: ['stun:stun.example'] }], expiresAt: '2026-01-05T11:00:00.000Z' };

/** The WebRTC side stands in for the browser's camera and peer connections, which Node lacks. */
class FakeSession implements ControlledSession {
  readonly calls: string[] = [];
  closed = false;
  hasVideo = false;
  constructor(
    readonly options: CallSessionOptions,
    private readonly media: () => Promise<CallKind>,
  ) {}
  async start(kind: CallKind) {
    const got = await this.media();
    this.hasVideo = got === 'video';
    return { kind: got, fellBack: got !== kind };
  }
  bindCall(callId: string, joins: number) {
    this.calls.push(`bind ${callId}${joins > 1 ? `#${joins}` : ''}`);
  }
  setIceServers() {
    this.calls.push('ice');
  }
  syncMembers(joined: readonly JoinedPeer[]) {
    this.calls.push(`sync ${joined.map((m) => (m.joins > 1 ? `${m.peer}#${m.joins}` : m.peer)).join(',')}`);
  }
  async receive({ from }: ReceivedSignal) {
    this.calls.push(`signal from ${from}`);
  }
  async cameras() {
    return [{}, {}] as MediaDeviceInfo[];
  }
  close() {
    this.closed = true;
  }
}

function setUp(self: CallPeer, media: () => Promise<CallKind> = async () => 'video') {
  const sent: ClientFrame[] = [];
  const channel = callChannel((frame) => sent.push(frame) > 0);
  const sessions: FakeSession[] = [];
  const controller = new CallController({
    channel,
    self,
    settings: SETTINGS,
    createSession: (options) => {
      const session = new FakeSession(options, media);
      sessions.push(session);
      return session;
    },
  });
  return { controller, channel, sent, sessions };
}

const intent = (kind: CallKind, nonce = 1): CallIntent => ({ kind, conversationId: CONVERSATION_ID, nonce });

afterEach(() => vi.unstubAllGlobals());

describe('CallController', () => {
  it('explains before the camera, then rings the call once the media is there', async () => {
    const { controller, sent, sessions } = setUp(CONSULTANT);
    controller.follow(null, intent('video'));
    expect(controller.view()).toEqual({ screen: 'explain', kind: 'video' });

    const started = controller.start('video');
    expect(controller.view()).toEqual({ screen: 'acquiring' });
    await started;
    expect(sent).toEqual([{ type: 'call.start', conversationId: CONVERSATION_ID, kind: 'video' }]);

    const ringing = aCall({ startedBy: CONSULTANT, members: [consultant] });
    controller.follow(ringing, null);
    expect(controller.view()).toMatchObject({ screen: 'inCall', call: ringing, isConsultant: true });
    expect(controller.cameraCount).toBe(2);
    expect(sessions[0]!.options.callId).toBeNull();
  });

  it('asks for a voice call when only the microphone could be had', async () => {
    const { controller, sent } = setUp(CONSULTANT, async () => 'voice');
    controller.follow(null, intent('video'));
    await controller.start('video');
    expect(sent).toEqual([{ type: 'call.start', conversationId: CONVERSATION_ID, kind: 'voice' }]);
    expect(controller.fellBack).toBe(true);
  });

  it('a page reloaded during a live call offers to rejoin it; rejoining opens new media as the next join and drops what came for the old page', async () => {
    const { controller, channel, sent, sessions } = setUp('visitor');
    const active = aCall({ state: 'active', startedBy: CONSULTANT, members: [visitor, consultant] });
    channel.emit({ type: 'call.signal', callId: CALL_ID, from: CONSULTANT, fromJoins: 1, toJoins: 1, signal: { kind: 'offer', sdp: 'v=0' } });
    controller.follow(active, null);
    expect(controller.view()).toMatchObject({ screen: 'rejoin' });

    await controller.rejoin();
    expect(sent).toEqual([{ type: 'call.rejoin', callId: CALL_ID }]);
    channel.emit(ice);
    controller.follow({ ...active, members: [{ ...visitor, joins: 2 }, consultant] }, null);
    const session = sessions[0]!;
    // Links follow the call (this side's own entry is skipped by the session); the old page's offer is not among the signals.
    expect(session.calls).toEqual([`bind ${CALL_ID}#2`, 'ice', `sync visitor,${CONSULTANT}`, `sync visitor#2,${CONSULTANT}`]);
    expect(controller.view()).toMatchObject({ screen: 'inCall' });
  });

  it('a page whose call a newer page of the same side took over releases its camera and offers to take it back', async () => {
    const { controller, channel, sessions } = setUp(CONSULTANT);
    controller.follow(aCall(), null);
    channel.emit(ice);
    await controller.accept('video');
    const active = aCall({ state: 'active', members: [visitor, consultant] });
    controller.follow(active, null);
    expect(sessions[0]!.closed).toBe(false);
    controller.follow({ ...active, members: [visitor, { ...consultant, joins: 2 }] }, null);
    expect(sessions[0]!.closed).toBe(true);
    expect(controller.view()).toMatchObject({ screen: 'rejoin' });
  });

  it('links to the members only once the session, the call and its ICE servers are known', async () => {
    const { controller, channel, sessions } = setUp(CONSULTANT);
    const ringing = aCall();
    controller.follow(ringing, null);
    channel.emit({ type: 'call.signal', callId: CALL_ID, from: 'visitor', fromJoins: 1, toJoins: 1, signal: { kind: 'offer', sdp: 'v=0' } });
    channel.emit(ice);
    await controller.accept('video');
    const session = sessions[0]!;
    expect(session.calls).toEqual(['bind ' + CALL_ID, 'ice', 'signal from visitor']);

    controller.follow(aCall({ state: 'active', members: [visitor, consultant] }), null);
    expect(session.calls.at(-1)).toBe(`sync visitor,${CONSULTANT}`);
  });

  it('shows an incoming call to the side that answers it', () => {
    const { controller } = setUp(CONSULTANT);
    controller.follow(aCall(), null);
    expect(controller.view()).toMatchObject({ screen: 'incoming', invitation: false, from: 'Anna' });
  });

  it('declines an incoming call', () => {
    const { controller, sent } = setUp(CONSULTANT);
    controller.follow(aCall(), null);
    controller.decline();
    expect(sent).toEqual([{ type: 'call.decline', callId: CALL_ID }]);
  });

  it('accepts an incoming call', async () => {
    const { controller, sent } = setUp(CONSULTANT);
    controller.follow(aCall(), null);
    await controller.accept('voice');
    expect(sent).toEqual([{ type: 'call.accept', callId: CALL_ID }]);
  });

  it('declines when the media cannot be had, and says why', async () => {
    const { controller, sent, sessions } = setUp(CONSULTANT, () => Promise.reject(new DOMException('no', 'NotAllowedError')));
    controller.follow(aCall(), null);
    await controller.accept('video');
    expect(sent).toEqual([{ type: 'call.decline', callId: CALL_ID }]);
    expect(controller.view()).toEqual({ screen: 'failed', error: new CallError('permissionDenied') });
    expect(sessions[0]!.closed).toBe(true);
  });

  it('releases the camera at once when the server refuses the call', async () => {
    const { controller, channel, sessions } = setUp(CONSULTANT);
    controller.follow(null, intent('voice'));
    await controller.start('voice');
    channel.emit({ type: 'error', code: 'call_in_progress' });
    expect(controller.view()).toEqual({ screen: 'refused', code: 'call_in_progress' });
    expect(sessions[0]!.closed).toBe(true);
  });

  it('closes the session when the call ends, and still shows how it ended', async () => {
    const { controller, channel, sessions } = setUp(CONSULTANT);
    controller.follow(aCall(), null);
    channel.emit(ice);
    await controller.accept('video');
    controller.follow(aCall({ state: 'active', members: [visitor, consultant] }), null);

    const ended = aCall({ state: 'ended', endReason: 'hangup', members: [] });
    controller.follow(ended, null);
    expect(sessions[0]!.closed).toBe(true);
    expect(controller.view()).toEqual({ screen: 'ended', call: ended });
  });

  it('hangs up as dropped when the links did not come back', async () => {
    const { controller, channel, sent, sessions } = setUp('visitor');
    const active = aCall({ startedBy: CONSULTANT, state: 'active', members: [consultant, visitor] });
    controller.follow(aCall({ startedBy: CONSULTANT, members: [consultant] }), null);
    channel.emit(ice);
    await controller.accept('video');
    controller.follow(active, null);

    sessions[0]!.options.onDropped();
    expect(sent.at(-1)).toEqual({ type: 'call.hangup', callId: CALL_ID, reason: 'dropped' });
    expect(controller.view()).toEqual({ screen: 'ended', call: { ...active, endReason: 'dropped' } });
  });

  it('names who invited an interpreter', () => {
    const { controller } = setUp(SUPERVISOR);
    const interpreter: CallMember = { peer: SUPERVISOR, name: 'Ewa', role: 'interpreter', joined: false, joins: 1 };
    controller.follow(aCall({ state: 'active', members: [visitor, consultant, interpreter] }), null);
    expect(controller.view()).toMatchObject({ screen: 'incoming', invitation: true, from: 'Jan' });
  });

  it('shows nothing of a call this side is not in', () => {
    const { controller } = setUp(SUPERVISOR);
    controller.follow(aCall({ startedBy: CONSULTANT, state: 'active', members: [consultant, visitor] }), null);
    expect(controller.view()).toEqual({ screen: 'hidden' });
  });

  it('tells the subscribers of each change', async () => {
    const { controller } = setUp(CONSULTANT);
    const changed = vi.fn();
    controller.subscribe(changed);
    controller.follow(null, intent('voice'));
    changed.mockClear();
    await controller.start('voice');
    expect(changed).toHaveBeenCalled();
  });

  it('with the real call session, says calls are unsupported where the browser has no media', async () => {
    vi.stubGlobal('navigator', {});
    vi.stubGlobal('addEventListener', () => undefined);
    vi.stubGlobal('removeEventListener', () => undefined);
    const sent: ClientFrame[] = [];
    const controller = new CallController({
      channel: callChannel((frame) => sent.push(frame) > 0),
      self: 'visitor',
      settings: SETTINGS,
      createSession: (options) => new CallSession(options),
    });
    controller.follow(null, intent('video'));
    await controller.start('video');
    expect(controller.view()).toEqual({ screen: 'failed', error: new CallError('unsupported') });
    expect(sent).toEqual([]);
    controller.dispose();
  });
});
