/** A real WebSocket client for tests: send frames, await the next frame that matches. */
import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../../src/shared/protocol';
import { HUNG_AFTER_MS } from './deadline';

type Matcher<T extends ServerFrame> = (frame: ServerFrame) => frame is T;

export class TestSocket {
  /** Every frame received, in order. */
  readonly received: ServerFrame[] = [];
  /** Frames no `next` has taken yet. */
  private unconsumed: ServerFrame[] = [];
  private waiters: { match: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      this.received.push(frame);
      const waiter = this.waiters.find((w) => w.match(frame));
      if (waiter) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      } else {
        this.unconsumed.push(frame);
      }
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
    const socket = new WebSocket(url, { headers });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new TestSocket(socket)));
      socket.once('error', reject);
    });
  }

  send(frame: ClientFrame): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  /** The next frame (not yet consumed by an earlier wait) of the given type, optionally matching. */
  next<T extends ServerFrame['type']>(
    type: T,
    where: (frame: Extract<ServerFrame, { type: T }>) => boolean = () => true,
    timeoutMs = HUNG_AFTER_MS,
  ): Promise<Extract<ServerFrame, { type: T }>> {
    const match = ((f: ServerFrame) => f.type === type && where(f as Extract<ServerFrame, { type: T }>)) as Matcher<
      Extract<ServerFrame, { type: T }>
    >;
    const waiting = this.unconsumed.findIndex(match);
    if (waiting >= 0) return Promise.resolve(this.unconsumed.splice(waiting, 1)[0] as Extract<ServerFrame, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} frame within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f as Extract<ServerFrame, { type: T }>);
        },
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}
