/**
 * The call's lifecycle on one side, without any UI: the explanation before the camera is asked for,
 * the media, the signalling over the desk's socket, the links that follow the call's members, a
 * refused or dropped call, and what the panel should show of it all (`view`). The panel renders
 * that view and forwards clicks here; the WebRTC work itself is the CallSession's.
 */
import type { ErrorCode } from '../../../shared/errors';
import type { Call, CallKind, CallMember, CallPeer, CallSettings, ServerFrame } from '../../../shared/protocol';
import type { CallSession, CallSessionOptions } from './call-session';
import type { CallChannel, CallIntent } from './launcher';
import { CallError } from './media';

/** The screens this side's own step decides (before, or instead of, taking part in the call). */
type StepView =
  | { screen: 'explain'; kind: CallKind }
  | { screen: 'acquiring' }
  | { screen: 'failed'; error: CallError }
  | { screen: 'refused'; code: ErrorCode };

/** `call`: no step of this side's own to show, the call decides the screen. */
type Phase = StepView | { screen: 'call' };

/** What the panel shows: one screen at a time. */
export type CallView<Session extends ControlledSession = CallSession> =
  | StepView
  | { screen: 'hidden' }
  | { screen: 'ended'; call: Call }
  /** `from`: the caller, or who invited this side; null when the call does not name them. */
  | { screen: 'incoming'; call: Call; invitation: boolean; from: string | null }
  | { screen: 'elsewhere' }
  /** This side is in the call but not on this page (it was reloaded, or the call went on in another window). */
  | { screen: 'rejoin'; call: Call }
  | { screen: 'inCall'; call: Call; session: Session; isConsultant: boolean };

type CallSignalFrame = Extract<ServerFrame, { type: 'call.signal' }>;
type CallIceFrame = Extract<ServerFrame, { type: 'call.ice' }>;

/** This side of a call: its socket, its address (`visitor`, or the staff member's id) and the office's call settings. */
export interface CallSide {
  channel: CallChannel;
  self: CallPeer;
  settings: CallSettings;
}

/** What the controller itself asks of a call's session; the panel gets the whole session to show. */
export type ControlledSession = Pick<CallSession, 'hasVideo' | 'start' | 'bindCall' | 'setIceServers' | 'syncMembers' | 'receive' | 'cameras' | 'close'>;

export interface CallControllerOptions<Session extends ControlledSession> extends CallSide {
  /** The media and links of one call (a CallSession; a test hands in its own). */
  createSession: (options: CallSessionOptions) => Session;
}

const CALL_REFUSALS: readonly ErrorCode[] = ['call_in_progress', 'call_not_allowed', 'call_not_found', 'call_not_ringing', 'not_in_call', 'conversation_closed', 'conversation_not_found'];
const isCallRefusal = (code: ErrorCode) => CALL_REFUSALS.includes(code);

/** Staff answer the visitor's calls; the visitor answers staff's. */
function answers(call: Call, self: CallPeer): boolean {
  return (call.startedBy === 'visitor') !== (self === 'visitor');
}

const joinedMembers = (call: Call) => call.members.filter((m) => m.joined).map(({ peer, joins }) => ({ peer, joins }));

export class CallController<Session extends ControlledSession = CallSession> {
  #options: CallControllerOptions<Session>;
  readonly #listeners = new Set<() => void>();
  #phase: Phase = { screen: 'call' };
  #session: Session | null = null;
  #call: Call | null = null;
  #intent: CallIntent | null = null;
  /** Set when this side gave up on a lost connection; the server may only hear of it later. */
  #droppedHere = false;
  /** The call this side took part in, still shown (as ended) once it is over. */
  #involvedIn: string | null = null;
  #ice: CallIceFrame | null = null;
  #iceReady = false;
  #waitingSignals: CallSignalFrame[] = [];
  /** Which join of the call this page's session is: 1, or the next one when it rejoins. */
  #claimedJoins = 1;
  #fellBack = false;
  #cameraCount = 0;
  #intentKey: string | undefined;
  #membershipKey: string | undefined;
  #unsubscribe: () => void;

  constructor(options: CallControllerOptions<Session>) {
    this.#options = options;
    this.#unsubscribe = options.channel.subscribe(this.#receive);
  }

  /** Video was asked for but only voice could be had. */
  get fellBack(): boolean {
    return this.#fellBack;
  }

  /** How many cameras there are to switch between. */
  get cameraCount(): number {
    return this.#cameraCount;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /**
   * The call as the server has it and the latest call button pressed, and the links made to follow
   * its members. Tells no subscriber: whoever passes them in reads view() next. `side` when it may
   * have changed.
   */
  follow(call: Call | null, intent: CallIntent | null, side?: CallSide): void {
    this.see(call, intent, side);
    this.settle();
  }

  /** follow() without touching the links: what a render may do (the links follow in settle()). */
  see(call: Call | null, intent: CallIntent | null, side?: CallSide): void {
    if (side) this.#updateSide(side);
    this.#call = call;
    this.#intent = intent;
    this.#rememberInvolvement();
    const intentKey = `${intent?.nonce}:${call?.id}`;
    if (intentKey !== this.#intentKey) {
      this.#intentKey = intentKey;
      this.#droppedHere = false;
      if (intent && !call) this.#phase = { screen: 'explain', kind: intent.kind };
    }
  }

  /** Opens, syncs or closes the links when the call's members changed since the last time. */
  settle(): void {
    const call = this.#call;
    const me = this.#me();
    const membershipKey = call ? `${call.id}:${call.state}:${JSON.stringify(joinedMembers(call))}:${me?.joined}` : '';
    if (membershipKey === this.#membershipKey) return;
    this.#membershipKey = membershipKey;
    const session = this.#session;
    this.#followMembers();
    // A closed session changes what view() shows after the render that settled it.
    if (this.#session !== session) this.#changed();
  }

  view(): CallView<Session> {
    if (this.#phase.screen !== 'call') return this.#phase;
    const call = this.#call;
    // Someone else's call (a supervisor following the conversation): nothing to show.
    if (!call || !this.#isInvolved(call)) return { screen: 'hidden' };
    if (call.state === 'ended' || this.#droppedHere) {
      return { screen: 'ended', call: this.#droppedHere && call.state !== 'ended' ? { ...call, endReason: 'dropped' } : call };
    }
    const me = this.#me();
    const invited = Boolean(me && !me.joined);
    const session = this.#session;
    if ((call.state === 'ringing' && answers(call, this.#options.self) && !session) || invited) {
      const from = invited ? this.#inviter(call) : call.members.find((m) => m.peer === call.startedBy);
      return { screen: 'incoming', call, invitation: invited, from: from?.name ?? null };
    }
    if (!session) return call.state === 'active' && me?.joined ? { screen: 'rejoin', call } : { screen: 'elsewhere' };
    return { screen: 'inCall', call, session, isConsultant: this.#options.self !== 'visitor' && me?.role === 'consultant' };
  }

  /** The caller's side: media first (after the explanation), then the call rings. */
  async start(kind: CallKind): Promise<void> {
    // The call's id is the server's: the session learns it with the ICE servers, before any link.
    this.#claimedJoins = 1;
    if (!(await this.#openSession(null, kind))) return;
    const gotKind = this.#session?.hasVideo ? 'video' : 'voice';
    const conversationId = this.#intent?.conversationId;
    this.#options.channel.send({ type: 'call.start', ...(conversationId && { conversationId }), kind: gotKind });
  }

  async accept(kind: CallKind): Promise<void> {
    const call = this.#call;
    if (!call) return;
    this.#claimedJoins = 1;
    if (!(await this.#openSession(call.id, kind))) {
      this.#options.channel.send({ type: 'call.decline', callId: call.id });
      return;
    }
    this.#options.channel.send({ type: 'call.accept', callId: call.id });
  }

  /** Takes part in the live call from this page again: new media, and the others make new links to it. */
  async rejoin(): Promise<void> {
    const call = this.#call;
    const me = this.#me();
    if (!call || !me) return;
    // Whatever came for this side before is for the page it had then.
    this.#waitingSignals = [];
    this.#ice = null;
    this.#iceReady = false;
    this.#claimedJoins = me.joins + 1;
    if (await this.#openSession(call.id, call.kind)) this.#options.channel.send({ type: 'call.rejoin', callId: call.id });
  }

  decline(): void {
    if (this.#call) this.#options.channel.send({ type: 'call.decline', callId: this.#call.id });
  }

  hangUp(): void {
    const call = this.#call;
    if (call && call.state !== 'ended') this.#options.channel.send({ type: 'call.hangup', callId: call.id });
    this.#closeSession();
  }

  invite(staffId: string): void {
    if (this.#call) this.#options.channel.send({ type: 'call.invite', callId: this.#call.id, staffId });
  }

  /** The panel is gone: the camera is released and the socket no longer followed. */
  dispose(): void {
    this.#unsubscribe();
    this.#session?.close();
    this.#listeners.clear();
  }

  #updateSide(side: CallSide): void {
    if (side.channel !== this.#options.channel) {
      this.#unsubscribe();
      this.#unsubscribe = side.channel.subscribe(this.#receive);
    }
    this.#options = { ...this.#options, ...side };
  }

  readonly #receive = (frame: ServerFrame): void => {
    if (frame.type === 'error' && !frame.clientId && isCallRefusal(frame.code) && this.#session && !this.#iceReady) {
      // The server refused to start or answer the call: the camera is released at once.
      this.#closeSession();
      this.#phase = { screen: 'refused', code: frame.code };
      this.#changed();
      return;
    }
    if (frame.type === 'call.ice') this.#ice = frame;
    else if (frame.type === 'call.signal') this.#waitingSignals.push(frame);
    else return;
    this.#applyIce();
  };

  #followMembers(): void {
    const call = this.#call;
    if (!this.#session || !call) return;
    const me = this.#me();
    // Ended, left, or taken over by a newer page of this same side.
    if (call.state === 'ended' || (me === undefined && call.state !== 'ringing') || (me && me.joins > this.#claimedJoins)) {
      this.#closeSession();
      this.#iceReady = false;
      this.#ice = null;
      this.#phase = { screen: 'call' };
    } else {
      this.#applyIce();
    }
  }

  /** Once the session, the call and its ICE servers are all known, links may be made. */
  #applyIce(): void {
    const session = this.#session;
    const call = this.#call;
    if (!session || !call || this.#ice?.callId !== call.id) return;
    if (!this.#iceReady) {
      session.bindCall(call.id, this.#claimedJoins);
      session.setIceServers(this.#ice.iceServers);
      this.#iceReady = true;
    }
    if (call.state === 'active') session.syncMembers(joinedMembers(call));
    for (const waiting of this.#waitingSignals.splice(0)) {
      if (waiting.callId === call.id) void session.receive(waiting);
    }
  }

  async #openSession(callId: string | null, kind: CallKind): Promise<boolean> {
    this.#phase = { screen: 'acquiring' };
    this.#changed();
    const { channel, self, settings, createSession } = this.#options;
    const session = createSession({
      callId,
      self,
      settings,
      send: (frame) => channel.send(frame),
      onChange: () => this.#changed(),
      onDropped: () => {
        if (this.#call) channel.send({ type: 'call.hangup', callId: this.#call.id, reason: 'dropped' });
        this.#closeSession();
        this.#droppedHere = true;
        this.#changed();
      },
    });
    try {
      const started = await session.start(kind);
      if (started.fellBack) this.#fellBack = true;
      this.#session = session;
      this.#phase = { screen: 'call' };
      this.#countCameras(session);
      this.#applyIce();
      this.#changed();
      return true;
    } catch (error) {
      session.close();
      this.#phase = { screen: 'failed', error: CallError.from(error) };
      this.#changed();
      return false;
    }
  }

  #countCameras(session: Session): void {
    session.cameras().then(
      (cameras) => {
        this.#cameraCount = cameras.length;
        this.#changed();
      },
      () => {
        this.#cameraCount = 0;
        this.#changed();
      },
    );
  }

  #closeSession(): void {
    this.#rememberInvolvement();
    const session = this.#session;
    this.#session = null;
    session?.close();
  }

  #me(): CallMember | undefined {
    return this.#call?.members.find((m) => m.peer === this.#options.self);
  }

  #inviter(call: Call): CallMember | undefined {
    return call.members.find((m) => m.joined && m.peer !== 'visitor' && m.peer !== this.#options.self);
  }

  #isInvolved(call: Call): boolean {
    return this.#involvedIn === call.id || Boolean(this.#me() || answers(call, this.#options.self) || this.#session);
  }

  /** Involvement comes from the call or the session: remembered as a call comes in (follow) and before a session goes. */
  #rememberInvolvement(): void {
    if (this.#call && this.#isInvolved(this.#call)) this.#involvedIn = this.#call.id;
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
