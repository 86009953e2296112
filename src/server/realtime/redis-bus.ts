/**
 * The bus across instances: Redis pub/sub on one channel. Every instance, the publisher
 * included, receives each event from Redis, so delivery takes the same path for all sockets.
 *
 * Events are notifications, not the record: messages are durable in the database before they are
 * published. If Redis is unreachable a publish is dropped (logged) rather than delaying the ack,
 * and when the subscription comes back `onResync` fires so the hub can make clients catch up
 * from their last sequence number.
 */
import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import type { Bus, EventHandler } from './bus';
import type { DeskEvent } from './events';

const CHANNEL = 'e-konsultant:events';

export function createRedisBus(url: string, log: Pick<FastifyBaseLogger, 'warn' | 'error'>): Bus {
  const options = { maxRetriesPerRequest: 1, retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000) };
  const publisher = new Redis(url, { ...options, enableOfflineQueue: false });
  const subscriber = new Redis(url, options);
  const handlers = new Set<EventHandler>();
  const resyncListeners = new Set<() => void>();
  let lostSubscription = false;

  for (const [name, connection] of [['publisher', publisher], ['subscriber', subscriber]] as const) {
    connection.on('error', (error: Error) => log.warn({ err: error, connection: name }, 'redis connection error'));
  }
  subscriber.on('close', () => {
    lostSubscription = true;
  });
  subscriber.on('ready', () => {
    if (!lostSubscription) return;
    lostSubscription = false;
    for (const listener of resyncListeners) listener();
  });
  subscriber.on('message', (_channel: string, payload: string) => {
    let event: DeskEvent;
    try {
      event = JSON.parse(payload) as DeskEvent;
    } catch {
      log.error('unreadable event on the redis channel');
      return;
    }
    for (const handler of handlers) handler(event);
  });
  const subscribed = subscriber.subscribe(CHANNEL);

  return {
    async publish(event) {
      try {
        await publisher.publish(CHANNEL, JSON.stringify(event));
      } catch (error) {
        log.warn({ err: error, kind: event.kind }, 'event not published: redis is unreachable');
      }
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    onResync(listener) {
      resyncListeners.add(listener);
    },
    async ping() {
      await subscribed;
      if (subscriber.status !== 'ready') throw new Error(`redis subscriber is ${subscriber.status}`);
      await publisher.ping();
    },
    async close() {
      handlers.clear();
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
