/**
 * The event bus between instances. In one process it is an in-memory fan-out; with REDIS_URL it is
 * Redis pub/sub (redis-bus.ts). Either way every instance, the publisher included, receives every
 * event exactly through `subscribe`, so the delivery path is the same in both set-ups.
 */
import type { DeskEvent } from './desk-event';

export type EventHandler = (event: DeskEvent) => void;

export interface Bus {
  publish(event: DeskEvent): Promise<void>;
  subscribe(handler: EventHandler): () => void;
  /** Called when events may have been missed (a lost Redis subscription came back). */
  onResync(listener: () => void): void;
  /** Resolves when the bus can deliver; rejects with a reason when it cannot. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function createInProcessBus(): Bus {
  const handlers = new Set<EventHandler>();
  return {
    async publish(event) {
      for (const handler of handlers) handler(event);
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    onResync() {},
    async ping() {},
    async close() {
      handlers.clear();
    },
  };
}
