/**
 * The consultant's desk in the browser, as the visitor's ChatSession is their conversation: the
 * staff WebSocket, the desk state (desk-state.ts's reducer) and one outbox per conversation. It says
 * hello, fetches the history of own conversations it lacks, resumes them and unsent messages after
 * every welcome, and turns the consultant's actions into frames. No UI: use-desk.ts subscribes.
 */
import type { ClientFrame, ErrorFrame, Message, ServerFrame } from '../../shared/protocol';
import { callChannel } from '../common/call/launcher';
import { Connection, type ConnectionState, retryLater, wsUrl } from '../common/connection';
import type { SessionEnd } from '../common/api';
import type { PendingMessage } from '../common/outbox';
import {
  type CloseOutcome,
  type DeskAction,
  type DeskState,
  closedWhileAway,
  deskReducer,
  follows,
  initialDeskState,
  resumePoints,
  syncRequests,
} from './desk-state';
import { StaffOutboxes } from './staff-outboxes';

export interface DeskActions {
  select(conversationId: string): void;
  take(conversationId: string): void;
  send(conversationId: string, body: string): void;
  retry(conversationId: string, clientId: string): void;
  /** A message of this consultant's stored by another route (a file upload): in the log at once. */
  showDelivered(conversationId: string, message: Message): void;
  close(conversationId: string, topic: string, outcome: CloseOutcome): void;
  dismissNotice(): void;
  /** The consultant is typing in the conversation (or stopped). */
  typing(conversationId: string, active: boolean): void;
  /** The consultant has read the conversation up to `seq`. */
  markRead(conversationId: string, seq: number): void;
  /** Hears every frame from the server (notes, typing); returns how to stop. */
  listen(listener: (frame: ServerFrame) => void): () => void;
  /** Sends a routing frame (availability, declining an offer); false when offline. */
  sendRouting(frame: ClientFrame): boolean;
}

export interface DeskSessionOptions {
  /** The state, the connection or an outbox changed. */
  onChange: () => void;
  /** The server no longer knows this consultant's session, or it went idle: sign in again. */
  onSessionEnded: (end: SessionEnd) => void;
}

type AckFrame = Extract<ServerFrame, { type: 'ack' }>;
type WelcomeFrame = Extract<ServerFrame, { type: 'welcome.staff' }>;

export class DeskSession {
  readonly #options: DeskSessionOptions;
  readonly #connection: Connection;
  readonly #outboxes: StaffOutboxes;
  readonly #frameListeners = new Set<(frame: ServerFrame) => void>();
  #state: DeskState = initialDeskState;
  #connectionState: ConnectionState = 'connecting';
  /** The socket as the calls (src/web/common/call) see it, as in the visitor's ChatSession. */
  readonly calls = callChannel((frame) => this.#transmit(frame));

  constructor(options: DeskSessionOptions) {
    this.#options = options;
    this.#outboxes = new StaffOutboxes(options.onChange);
    this.#connection = new Connection({
      url: wsUrl(),
      hello: () => ({ type: 'staff.hello', resume: resumePoints(this.#state) }),
      isWelcome: (frame) => frame.type === 'welcome.staff',
      onStateChange: (state) => {
        this.#connectionState = state;
        options.onChange();
      },
      onFrame: (frame) => this.#receive(frame),
    });
  }

  get state(): DeskState {
    return this.#state;
  }

  get connectionState(): ConnectionState {
    return this.#connectionState;
  }

  pending(conversationId: string): readonly PendingMessage[] {
    return this.#outboxes.pending(conversationId);
  }

  start(): void {
    this.#connection.start();
  }

  stop(): void {
    this.#connection.stop();
  }

  /** Plain functions, so a view may hand one on as a callback. */
  readonly actions: DeskActions = {
    select: (conversationId) => this.#dispatch({ type: 'select', conversationId }),
    take: (conversationId) => {
      this.#dispatch({ type: 'take', conversationId });
      this.#transmit({ type: 'conversation.take', conversationId });
    },
    send: (conversationId, body) => {
      const message = this.#outboxes.for(conversationId).add(body);
      this.#transmit(messageFrame(conversationId, message));
    },
    retry: (conversationId, clientId) => {
      const message = this.#outboxes.for(conversationId).retry(clientId);
      if (message) this.#transmit(messageFrame(conversationId, message, true));
    },
    showDelivered: (conversationId, message) => this.#dispatch({ type: 'delivered', conversationId, message }),
    close: (conversationId, topic, outcome) => this.#transmit({ type: 'conversation.close', conversationId, topic, outcome }),
    dismissNotice: () => this.#dispatch({ type: 'dismissNotice' }),
    typing: (conversationId, active) => void this.#transmit({ type: 'typing', conversationId, active }),
    markRead: (conversationId, seq) => void this.#transmit({ type: 'conversation.read', conversationId, seq }),
    listen: (listener) => {
      this.#frameListeners.add(listener);
      return () => void this.#frameListeners.delete(listener);
    },
    sendRouting: (frame) => this.#transmit(frame),
  };

  // The reducer runs here, not in a component: frames arrive faster than renders, and what to send
  // next depends on the state each frame leaves behind.
  #dispatch(action: DeskAction): DeskState {
    this.#state = deskReducer(this.#state, action);
    this.#options.onChange();
    return this.#state;
  }

  #receive(frame: ServerFrame): void {
    for (const listener of this.#frameListeners) listener(frame);
    this.calls.emit(frame);
    switch (frame.type) {
      case 'ack':
        return this.#deliver(frame);
      case 'error':
        if (frame.code === 'unauthenticated' || frame.code === 'session_idle') return this.#options.onSessionEnded({ code: frame.code, detail: frame.detail });
        if (frame.clientId && frame.code === 'busy') this.#retryLater(frame.clientId, frame);
        else if (frame.clientId) this.#outboxes.find(frame.clientId)?.outbox.fail(frame.clientId, frame.code);
        break;
      case 'history':
        this.#settle(frame.messages);
        break;
      case 'message':
        this.#settle([frame.message]);
        break;
    }
    const before = this.#state;
    const after = this.#dispatch({ type: 'frame', frame });
    const syncs = syncRequests(before, frame, after);
    if (syncs.length > 0) this.#dispatch({ type: 'syncing', conversationIds: syncs.map((sync) => sync.conversationId) });
    // After a welcome the server sends these histories itself (the hello said where each stands).
    if (frame.type !== 'welcome.staff') for (const sync of syncs) this.#transmit({ type: 'conversation.sync', ...sync });
    if (frame.type === 'welcome.staff') this.#resend(before, frame);
  }

  /** An ack makes the pending message part of the log at once, before its echo arrives. */
  #deliver({ clientId, seq, sentAt }: AckFrame): void {
    const found = this.#outboxes.find(clientId);
    if (!found) return;
    const message: Message = {
      seq,
      clientId,
      author: 'staff',
      authorName: this.#state.me?.name ?? null,
      body: found.message.body,
      event: null,
      sentAt,
    };
    this.#dispatch({ type: 'delivered', conversationId: found.conversationId, message });
    found.outbox.ack(clientId);
  }

  /** A message whose ack was lost with the connection shows up in the history instead. */
  #settle(messages: Message[]): void {
    for (const { clientId } of messages) if (clientId) this.#outboxes.find(clientId)?.outbox.ack(clientId);
  }

  /**
   * After every welcome, once the syncs are on their way: re-send what was never acknowledged in
   * open conversations; in those that closed meanwhile it can no longer be delivered.
   */
  #resend(before: DeskState, welcome: WelcomeFrame): void {
    for (const conversation of welcome.conversations) {
      if (conversation.status !== 'active' || !follows(conversation, welcome.user.id)) continue;
      const conversationId = conversation.id;
      this.#outboxes.for(conversationId).flush((message) => this.#transmit(messageFrame(conversationId, message, true)));
    }
    for (const conversationId of closedWhileAway(before, welcome)) {
      this.#outboxes.for(conversationId).failWaiting('conversation_closed');
    }
  }

  /** The server was too busy for this message: it goes again (as a resend) a little later. */
  #retryLater(clientId: string, frame: ErrorFrame): void {
    retryLater(frame, () => {
      const found = this.#outboxes.find(clientId);
      if (found?.message.status === 'sending') this.#transmit(messageFrame(found.conversationId, found.message, true));
    });
  }

  #transmit(frame: ClientFrame): boolean {
    return this.#connection.send(frame);
  }
}

function messageFrame(conversationId: string, message: PendingMessage, resent?: true): ClientFrame {
  return { type: 'message.send', conversationId, clientId: message.clientId, body: message.body, ...(resent && { resent }) };
}
