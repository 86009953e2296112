import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { ServerFrame } from '../../shared/protocol';

/** Close code for "do not reconnect": unknown visitor token, staff session over. */
export const FATAL_CLOSE_CODE = 4000;

/** Above this many unsent bytes the client is not keeping up; it is dropped and will resume. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * One client socket as the hub sees it. Until `ready()` (the welcome frame is out), live events
 * are held back, so a resuming client never receives a live message before its backlog.
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

  constructor(private readonly socket: WebSocket) {}

  /** Sends at once, bypassing the hold (for the welcome and replies to the client's own frames). */
  sendNow(frame: ServerFrame): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.terminate();
      return;
    }
    this.socket.send(textOf(frame));
  }

  /** Sends a live event, or holds it until the peer is ready. */
  deliver(frame: ServerFrame): void {
    if (this.held) this.held.push(frame);
    else this.sendNow(frame);
  }

  /** Tells the client its staff session is over and closes the socket (no reconnect). */
  endSession(): void {
    this.sendNow({ type: 'error', code: 'unauthenticated', fatal: true });
    this.socket.close(FATAL_CLOSE_CODE, 'unauthenticated');
  }

  /** Closes the socket; the client reconnects and resumes from its last sequence number. */
  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  ready(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const frame of held) this.sendNow(frame);
  }
}
