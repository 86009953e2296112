/**
 * One visitor conversation in the browser: the connection, the outbox and the messages, combined
 * into snapshots for the view. Messages are keyed by seq; the visitor's own ones leave the outbox
 * when the server acknowledges them or when they come back as a message with the same client id.
 */
import type { ErrorCode } from '../../shared/errors';
import type { UiLanguage } from '../../shared/languages';
import type { ErrorFrame, Message, QueueStatus, ServerFrame, VisitorConversation } from '../../shared/protocol';
import { Connection, isTerminalError, retryLater, wsUrl, type ConnectionState } from '../common/connection';
import { Outbox, type PendingMessage } from '../common/outbox';
import { callChannel } from '../common/call/launcher';
import type { KeyValueStorage } from '../common/storage';
import type { TypingSignal } from '../common/typing';
import { OUTBOX_KEY, readSession, writeSession } from './session';
import { mergeMessages } from './timeline';
import { withTranslation } from '../common/translation';

export interface ChatSnapshot {
  connection: ConnectionState;
  conversation: VisitorConversation | null;
  messages: readonly Message[];
  pending: readonly PendingMessage[];
  /** A failure not tied to one message (e.g. rate_limited), shown until dismissed. */
  notice: ErrorCode | null;
  /** The newest message from someone else that arrived while this page was open. */
  latestIncoming: Message | null;
  /** Staff have read the visitor's messages up to this seq. */
  readSeq: number;
  /** Whether the consultant is typing, as last heard. */
  staffTyping: TypingSignal | null;
  /** Place and estimated wait while the conversation waits for a consultant. */
  queue: QueueStatus | null;
}

export interface ChatSessionOptions {
  token: string;
  storage: KeyValueStorage;
  onChange: (snapshot: ChatSnapshot) => void;
  /** The server does not know this conversation (any more): forget it and start over. */
  onLost: (code: ErrorCode) => void;
}

type AckFrame = Extract<ServerFrame, { type: 'ack' }>;

export class ChatSession {
  readonly #options: ChatSessionOptions;
  readonly #outbox: Outbox;
  readonly #connection: Connection;
  /** Read before this page loaded: replayed on load, but not announced again. */
  readonly #readBeforeLoad: number;
  /**
   * The seq up to which every message has been received: the point to resume from. Acks do not
   * count (the server's copy of an own message follows), and a live message above a missing seq
   * (published out of order by another instance) waits in #receivedAbove until the gap is filled,
   * so a drop at that moment cannot skip the missing one for good.
   */
  #receivedSeq = 0;
  readonly #receivedAbove = new Set<number>();
  #snapshot: ChatSnapshot;
  /** Call frames go to the call dock (src/web/common/call), which loads the call only when needed. */
  readonly calls = callChannel((frame) => this.#connection.send(frame));

  constructor(options: ChatSessionOptions) {
    this.#options = options;
    this.#readBeforeLoad = readSession(options.storage)?.lastSeq ?? 0;
    this.#outbox = new Outbox(options.storage, OUTBOX_KEY, () => this.#update({ pending: this.#outbox.items }));
    this.#snapshot = {
      connection: 'closed',
      conversation: null,
      messages: [],
      pending: this.#outbox.items,
      notice: null,
      latestIncoming: null,
      readSeq: 0,
      staffTyping: null,
      queue: null,
    };
    this.#connection = new Connection({
      url: wsUrl(),
      hello: () => ({ type: 'visitor.hello', token: options.token, lastSeq: this.#receivedSeq }),
      onFrame: (frame) => this.#handle(frame),
      onStateChange: (connection) => this.#update({ connection }),
    });
  }

  get snapshot(): ChatSnapshot {
    return this.#snapshot;
  }

  start(): void {
    addEventListener('storage', this.#onStorage);
    document.addEventListener('visibilitychange', this.#reportVisibility);
    addEventListener('pagehide', this.#reportHidden);
    this.#connection.start();
  }

  stop(): void {
    removeEventListener('storage', this.#onStorage);
    document.removeEventListener('visibilitychange', this.#reportVisibility);
    removeEventListener('pagehide', this.#reportHidden);
    this.#connection.stop();
  }

  /** The consultant sees the visitor as away while the page is hidden (a socket's hello counts as visible). */
  readonly #reportVisibility = (): void => {
    this.#connection.send({ type: 'visitor.visibility', visible: document.visibilityState === 'visible' });
  };

  readonly #reportHidden = (): void => {
    this.#connection.send({ type: 'visitor.visibility', visible: false });
  };

  /** Another tab of this conversation changed the shared outbox. */
  readonly #onStorage = (event: Event): void => {
    if ((event as StorageEvent).key === OUTBOX_KEY) this.#outbox.refresh();
  };

  /** Queues the message; it goes out now if connected, otherwise after the next welcome. */
  send(body: string): void {
    this.#transmit(this.#outbox.add(body));
  }

  retry(clientId: string): void {
    const message = this.#outbox.retry(clientId);
    if (message) this.#resend(message);
  }

  discard(clientId: string): void {
    this.#outbox.discard(clientId);
  }

  /** Asks the server to end the conversation; false when offline. */
  end(): boolean {
    return this.#connection.send({ type: 'conversation.end' });
  }

  /**
   * Shows a message of the visitor's stored by another route (a file upload) at once, like an
   * ack; its copy over the socket may come later. Resuming still goes by received seqs.
   */
  showOwn(message: Message): void {
    this.#update({ messages: mergeMessages(this.#snapshot.messages, [message]) });
  }

  /** Takes a place at the back of the queue again after the conversation left it; false when offline. */
  rejoin(): boolean {
    return this.#connection.send({ type: 'visitor.rejoin' });
  }

  /** Continues the waiting conversation in another language; false when offline. */
  continueIn(language: UiLanguage): boolean {
    return this.#connection.send({ type: 'visitor.language', language });
  }

  dismissNotice(): void {
    this.#update({ notice: null });
  }

  readonly #transmit = (message: PendingMessage, resent?: true): boolean =>
    this.#connection.send({ type: 'message.send', clientId: message.clientId, body: message.body, ...(resent && { resent }) });

  /** A message sent before: if the server has stored it, it answers from the database. */
  readonly #resend = (message: PendingMessage): boolean => this.#transmit(message, true);

  #handle(frame: ServerFrame): void {
    this.calls.emit(frame);
    switch (frame.type) {
      case 'welcome.visitor':
        this.#update({ conversation: frame.conversation });
        this.#readUpTo(frame.conversation.readSeq ?? 0);
        this.#receive(frame.missed, 'backlog');
        this.#outbox.flush(this.#resend);
        if (document.visibilityState !== 'visible') this.#reportVisibility();
        break;
      case 'visitor.conversation.updated':
        this.#update({ conversation: frame.conversation, ...(frame.conversation.status !== 'waiting' && { queue: null }) });
        this.#readUpTo(frame.conversation.readSeq ?? 0);
        break;
      case 'read':
        this.#readUpTo(frame.seq);
        break;
      case 'visitor.queue':
        this.#update({ queue: frame.queue });
        break;
      case 'typing':
        this.#staffTyping(frame.active);
        break;
      case 'message':
        this.#receive([frame.message], 'live');
        break;
      case 'history':
        this.#receive(frame.messages, 'backlog');
        break;
      case 'ack':
        this.#acknowledge(frame);
        break;
      case 'message.translated':
        this.#update({ messages: withTranslation(this.#snapshot.messages, frame.seq, frame.translation) });
        break;
      case 'error':
        this.#handleError(frame);
        break;
    }
  }

  /** Tells the consultant that the visitor is typing (or stopped); false when offline. */
  typing(active: boolean): boolean {
    return this.#connection.send({ type: 'typing', active });
  }

  #readUpTo(seq: number): void {
    if (seq > this.#snapshot.readSeq) this.#update({ readSeq: seq });
  }

  #staffTyping(active: boolean): void {
    this.#update({ staffTyping: { active, serial: (this.#snapshot.staffTyping?.serial ?? 0) + 1 } });
  }

  /**
   * A backlog page holds every message after the seq the hello resumed from, up to its last one
   * (seqs the visitor never sees are skipped there); a live message proves only its own seq.
   */
  #receive(messages: readonly Message[], source: 'backlog' | 'live'): void {
    if (messages.length === 0) return;
    for (const message of messages) if (message.clientId) this.#outbox.ack(message.clientId);
    const unseenAfter = Math.max(this.#readBeforeLoad, this.#receivedSeq, ...this.#receivedAbove);
    const incoming = messages.filter((message) => message.author !== 'visitor' && message.seq > unseenAfter);
    this.#advanceReceived(messages, source);
    // A consultant's message ends their typing.
    if (this.#snapshot.staffTyping?.active && messages.some((message) => message.author === 'staff')) this.#staffTyping(false);
    this.#update({
      messages: mergeMessages(this.#snapshot.messages, messages),
      latestIncoming: incoming.at(-1) ?? this.#snapshot.latestIncoming,
    });
    writeSession(this.#options.storage, {
      token: this.#options.token,
      lastSeq: Math.max(this.#readBeforeLoad, this.#receivedSeq),
    });
  }

  #advanceReceived(messages: readonly Pick<Message, 'seq'>[], source: 'backlog' | 'live'): void {
    if (source === 'backlog') this.#receivedSeq = Math.max(this.#receivedSeq, ...messages.map((message) => message.seq));
    else for (const { seq } of messages) if (seq > this.#receivedSeq) this.#receivedAbove.add(seq);
    for (const seq of this.#receivedAbove) if (seq <= this.#receivedSeq) this.#receivedAbove.delete(seq);
    while (this.#receivedAbove.delete(this.#receivedSeq + 1)) this.#receivedSeq += 1;
  }

  /** Shows the message as delivered at once; the server's own copy replaces it when it arrives. */
  #acknowledge(frame: AckFrame): void {
    const pending = this.#outbox.items.find((message) => message.clientId === frame.clientId);
    this.#outbox.ack(frame.clientId);
    // Its own message is held from its ack on (never echoed to it): a resume must not start below it.
    this.#advanceReceived([frame], 'live');
    if (!pending || this.#snapshot.messages.some((message) => message.seq === frame.seq)) return;
    const delivered: Message = {
      seq: frame.seq,
      clientId: frame.clientId,
      author: 'visitor',
      authorName: this.#snapshot.conversation?.visitorName ?? null,
      body: pending.body,
      event: null,
      sentAt: frame.sentAt,
    };
    this.#update({ messages: mergeMessages(this.#snapshot.messages, [delivered]) });
  }

  #handleError(frame: ErrorFrame): void {
    const clientId = frame.clientId;
    if (clientId && frame.code === 'busy') retryLater(frame, () => this.#resendWaiting(clientId));
    else if (clientId && this.#outbox.has(clientId)) this.#outbox.fail(clientId, frame.code);
    else if (isTerminalError(frame)) this.#options.onLost(frame.code);
    else this.#update({ notice: frame.code });
  }

  #resendWaiting(clientId: string): void {
    const message = this.#outbox.items.find((item) => item.clientId === clientId && item.status === 'sending');
    if (message) this.#resend(message);
  }

  #update(change: Partial<ChatSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...change };
    this.#options.onChange(this.#snapshot);
  }
}
