import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { ErrorCode } from '../../shared/errors';
import type { ServerFrame } from '../../shared/protocol';

/** Close code for "do not reconnect": unknown visitor token, staff session over. */
export const FATAL_CLOSE_CODE = 4000;

/**
 * Above this many unsent bytes of live frames the client is not keeping up; it is dropped and will
 * resume. A backlog never counts against it: its pages wait for the socket to drain (`sendPaced`).
 */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Seqs remembered per conversation to drop a message frame this socket has carried already. */
const RECENT_SEQS = 64;

/** The seqs a frame carries, by conversation ('' on a visitor's socket, whose frames name none). */
function carriedSeqs(frame: ServerFrame): { conversationId: string; seqs: number[] } | undefined {
  switch (frame.type) {
    case 'message':
      return { conversationId: frame.conversationId ?? '', seqs: [frame.message.seq] };
    case 'history':
      return { conversationId: frame.conversationId, seqs: frame.messages.map((message) => message.seq) };
    case 'welcome.visitor':
      return { conversationId: '', seqs: frame.missed.map((message) => message.seq) };
    default:
      return undefined;
  }
}

/**
 * One client socket as the hub sees it. Until `ready()` (the welcome and the backlog are out),
 * live events are held back, so a resuming client never receives a live message before its
 * backlog. A message this socket has carried recently (a resend announced again) is not sent twice.
 */
/** Each frame object is serialised once, however many sockets it goes to (hub fan-out). */
const serialized = new WeakMap<ServerFrame, string>();

function textOf(frame: ServerFrame): string {
  let text = serialized.get(frame);
  if (text === undefined) {
    text = JSON.stringify(frame);
    serialized.set(frame, text);
  }
  return text;
}

export class Peer {
  /** Unique across instances: names the sender of an event, so it is not sent its own message back. */
  readonly id = randomUUID();
  private held: ServerFrame[] | null = [];
  private readonly recent = new Map<string, number[]>();
  /** A visitor's socket: every frame is about its one conversation, named or not. */
  private oneConversation = false;
  /** Resolves when the client has read the last page sent with `sendPaced`. */
  private pageRead: Promise<void> = Promise.resolve();
  private pings = 0;
  /** Pages waiting for the client's pong; a shutdown lets them go (it reads no more pongs). */
  private readonly waitingForPong = new Set<() => void>();
  private pacing = true;

  constructor(private readonly socket: WebSocket) {}

  /** Marks a visitor's socket, whose frames are all about one conversation. */
  servesOneConversation(): void {
    this.oneConversation = true;
  }

  /** Sends at once, bypassing the hold (for the welcome and replies to the client's own frames). */
  sendNow(frame: ServerFrame): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.terminate();
      return;
    }
    this.remember(frame);
    this.socket.send(textOf(frame));
  }

  /**
   * Sends a page of a backlog, with a ping behind it; resolves once the client has answered the
   * ping of the page before (it has read that far). So at most two pages are ever on their way,
   * whatever the link's speed and the buffers along it: the next page is read from the database
   * only as fast as this reader takes them, and the heartbeat's ping never waits behind a backlog.
   */
  sendPaced(frame: ServerFrame): Promise<void> {
    if (this.socket.readyState !== this.socket.OPEN) return Promise.resolve();
    this.remember(frame);
    this.socket.send(JSON.stringify(frame));
    const previous = this.pageRead;
    this.pageRead = this.pacing ? this.readBack() : Promise.resolve();
    return previous;
  }

  /** Stops waiting for pongs (a shutdown stops reading the socket). */
  stopPacing(): void {
    this.pacing = false;
    for (const release of this.waitingForPong) release();
  }

  /** Pings with a number of its own and resolves on that pong (or when the socket closes). */
  private readBack(): Promise<void> {
    const tag = String(++this.pings);
    return new Promise((resolve) => {
      const done = () => {
        this.socket.off('pong', onPong);
        this.socket.off('close', done);
        this.waitingForPong.delete(done);
        resolve();
      };
      this.waitingForPong.add(done);
      const onPong = (data: Buffer) => {
        if (data.toString() === tag) done();
      };
      this.socket.on('pong', onPong);
      this.socket.on('close', done);
      this.socket.ping(tag);
    });
  }

  /** Sends a live event, or holds it until the peer is ready. */
  deliver(frame: ServerFrame): void {
    if (this.held) this.held.push(frame);
    else if (!this.carried(frame)) this.sendNow(frame);
  }

  /** Tells the client why its key no longer opens anything (a staff session over, a conversation moved) and closes the socket (no reconnect). */
  endSession(code: Extract<ErrorCode, 'unauthenticated' | 'session_idle' | 'conversation_moved'> = 'unauthenticated', detail?: string): void {
    this.sendNow({ type: 'error', code, fatal: true, ...(detail && { detail }) });
    this.socket.close(FATAL_CLOSE_CODE, code);
  }

  /** Closes the socket; the client reconnects and resumes from its last sequence number. */
  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  ready(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const frame of held) if (!this.carried(frame)) this.sendNow(frame);
  }

  private carried(frame: ServerFrame): boolean {
    if (frame.type !== 'message') return false;
    return this.recent.get(this.keyOf(frame.conversationId ?? ''))?.includes(frame.message.seq) ?? false;
  }

  private remember(frame: ServerFrame): void {
    const carrying = carriedSeqs(frame);
    if (!carrying || carrying.seqs.length === 0) return;
    const key = this.keyOf(carrying.conversationId);
    const seqs = [...(this.recent.get(key) ?? []), ...carrying.seqs.slice(-RECENT_SEQS)];
    this.recent.set(key, seqs.slice(-RECENT_SEQS));
  }

  private keyOf(conversationId: string): string {
    return this.oneConversation ? '' : conversationId;
  }
}
