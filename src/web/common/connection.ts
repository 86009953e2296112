/**
 * The WebSocket client as a small state machine, after LiveKit's SignalClient and ReconnectPolicy:
 *
 *   closed ──start()──▶ connecting ──welcome──▶ open
 *                          │                     │ close / error / missed pong / offline
 *                          ▼                     ▼
 *                      reconnecting ◀────────────┘   (back-off with full jitter, then retry)
 *
 * 'open' means the server has answered our hello, not merely that the socket is up. There is no
 * send queue here: the caller's outbox re-sends after each welcome.
 */
import type { ErrorCode } from '../../shared/errors';
import {
  WEBSOCKET_PATH,
  serverFrameSchema,
  type ClientFrame,
  type ErrorFrame,
  type ServerFrame,
} from '../../shared/protocol';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ConnectionOptions {
  url: string;
  /** Sent first on every (re)open, e.g. visitor.hello with the current lastSeq. */
  hello: () => ClientFrame;
  onFrame: (frame: ServerFrame) => void;
  onStateChange?: (state: ConnectionState) => void;
  /** The state becomes 'open' only after this frame arrives. */
  isWelcome?: (frame: ServerFrame) => boolean;
}

const RECONNECT_BASE_MS = 300;
/**
 * The back-off's ceiling: a restart takes a few seconds, and a desk should be back within
 * seconds of the server (2,000 clients spread over 5 s is far below what one instance accepts).
 */
export const RECONNECT_MAX_MS = 5_000;
export const HEARTBEAT_INTERVAL_MS = 20_000;
export const PONG_TIMEOUT_MS = 10_000;
/** A socket that neither fails nor gets a welcome within this time is as good as dead. */
const HANDSHAKE_TIMEOUT_MS = 15_000;

/** Errors after which reconnecting cannot help: the key is gone, went to another device, or was never valid. */
const TERMINAL_ERRORS: readonly ErrorCode[] = ['conversation_not_found', 'conversation_moved', 'unauthenticated', 'session_idle'];

export function isTerminalError(frame: ErrorFrame): boolean {
  return frame.fatal === true && TERMINAL_ERRORS.includes(frame.code);
}

/**
 * Full jitter: a random delay up to an exponentially growing ceiling, so the clients that lost a
 * restarting server do not all come back in the same instant.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * The server was too busy for a frame (`busy`): it goes again after the delay the server asked
 * for, plus up to as much again at random, so refused clients do not return all at once.
 */
export function retryLater(frame: ErrorFrame, retry: () => void, random: () => number = Math.random): void {
  const delay = frame.retryAfterMs ?? RECONNECT_BASE_MS;
  setTimeout(retry, delay + Math.floor(random() * delay));
}

export function wsUrl(path: string = WEBSOCKET_PATH): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

const isDefaultWelcome = (frame: ServerFrame) => frame.type === 'welcome.visitor' || frame.type === 'welcome.staff';

export class Connection {
  readonly #options: ConnectionOptions;
  #state: ConnectionState = 'closed';
  #socket: WebSocket | null = null;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  /** Armed while we wait for a welcome or a pong; firing means the link is dead. */
  #deadlineTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: ConnectionOptions) {
    this.#options = options;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  start(): void {
    if (this.#state !== 'closed') return;
    addEventListener('online', this.#retryNow);
    addEventListener('offline', this.#drop);
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
    this.#connect('connecting');
  }

  stop(): void {
    removeEventListener('online', this.#retryNow);
    removeEventListener('offline', this.#drop);
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
    this.#teardown();
    this.#setState('closed');
  }

  /** Returns false when the connection is not open; the caller keeps the frame for later. */
  send(frame: ClientFrame): boolean {
    return this.#state === 'open' && this.#write(frame);
  }

  #connect(state: 'connecting' | 'reconnecting'): void {
    this.#setState(state);
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.#options.url);
    } catch (error) {
      console.warn('WebSocket could not be created', error);
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    this.#armDeadline(HANDSHAKE_TIMEOUT_MS);
    const current = (handler: (event: Event) => void) => (event: Event) => {
      if (socket === this.#socket) handler(event);
    };
    socket.onopen = current(() => this.#write(this.#options.hello()));
    socket.onmessage = current((event) => this.#receive((event as MessageEvent).data));
    socket.onclose = current(this.#drop);
    socket.onerror = current(this.#drop);
  }

  #receive(data: unknown): void {
    const frame = parseFrame(data);
    if (!frame) return;
    // Once open, any frame proves the link alive; before that, only the welcome completes the handshake.
    if (this.#state === 'open') clearTimeout(this.#deadlineTimer);
    else if ((this.#options.isWelcome ?? isDefaultWelcome)(frame)) this.#opened();
    if (frame.type === 'pong') return;
    // The server could not take our hello now: try again after the back-off, as after a failure.
    if (frame.type === 'error' && frame.code === 'busy' && this.#state !== 'open') return this.#drop();
    if (frame.type === 'error' && isTerminalError(frame)) this.stop();
    this.#options.onFrame(frame);
  }

  #opened(): void {
    clearTimeout(this.#deadlineTimer);
    this.#attempt = 0;
    this.#setState('open');
    clearInterval(this.#heartbeatTimer);
    this.#heartbeatTimer = setInterval(this.#ping, HEARTBEAT_INTERVAL_MS);
  }

  readonly #ping = (): void => {
    this.#write({ type: 'ping' });
    this.#armDeadline(PONG_TIMEOUT_MS);
  };

  readonly #drop = (): void => {
    if (!this.#socket) return;
    this.#teardown();
    this.#scheduleReconnect();
  };

  #scheduleReconnect(): void {
    this.#setState('reconnecting');
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#connect('reconnecting'), reconnectDelay(this.#attempt++));
  }

  /** The network is back: waiting out the rest of a back-off delay would only cost the visitor time. */
  readonly #retryNow = (): void => {
    if (this.#state !== 'reconnecting' || this.#socket) return;
    clearTimeout(this.#retryTimer);
    this.#connect('reconnecting');
  };

  /** Phones suspend background tabs; on return the socket may be silently dead, so check at once. */
  readonly #onVisibilityChange = (): void => {
    if (document.visibilityState !== 'visible') return;
    if (this.#state === 'open') this.#ping();
    else this.#retryNow();
  };

  #armDeadline(ms: number): void {
    clearTimeout(this.#deadlineTimer);
    this.#deadlineTimer = setTimeout(this.#drop, ms);
  }

  #write(frame: ClientFrame): boolean {
    if (this.#socket?.readyState !== WebSocket.OPEN) return false;
    this.#socket.send(JSON.stringify(frame));
    return true;
  }

  #teardown(): void {
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#deadlineTimer);
    clearInterval(this.#heartbeatTimer);
    const socket = this.#socket;
    this.#socket = null;
    if (socket && socket.readyState <= WebSocket.OPEN) socket.close(1000);
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#options.onStateChange?.(state);
  }
}

function parseFrame(data: unknown): ServerFrame | null {
  let json: unknown;
  try {
    json = JSON.parse(String(data));
  } catch {
    console.warn('Dropped a WebSocket frame that is not JSON');
    return null;
  }
  const parsed = serverFrameSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  console.warn('Dropped an invalid WebSocket frame', parsed.error.issues);
  return null;
}
