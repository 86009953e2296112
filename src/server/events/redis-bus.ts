/**
 * The bus across instances: Redis pub/sub on one channel. Every instance, the publisher
 * included, receives each event from Redis, so delivery takes the same path for all sockets.
 *
 * Events published in the same turn of the event loop go out as one PUBLISH (a JSON array, in
 * publish order): under load one Redis command and one parse per batch instead of per event, and
 * one connection keeps their order. Instances of a version before batching read only single
 * events: stop them all for that one update (docs/deploy.md).
 *
 * Events are notifications, not the record: messages are durable in the database before they are
 * published. If Redis is unreachable a publish is dropped (logged) rather than delaying the ack,
 * and once Redis is back every instance asks its clients to catch up from their last sequence
 * number (a lost subscription fires `onResync`; a lost publish is followed by a `resync` event).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Bus, EventHandler } from './bus';
import type { DeskEvent } from './desk-event';

const CHANNEL = 'e-konsultant:events';

/** ioredis is loaded here, not at start-up: an instance without Redis never needs it. */
export async function createRedisBus(url: string, log: Pick<FastifyBaseLogger, 'warn' | 'error'>): Promise<Bus> {
  const { Redis } = await import('ioredis');
  const options = { maxRetriesPerRequest: 1, retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000) };
  const publisher = new Redis(url, { ...options, enableOfflineQueue: false });
  const subscriber = new Redis(url, options);
  const handlers = new Set<EventHandler>();
  const resyncListeners = new Set<() => void>();
  let lostSubscription = false;
  let publishFailed = false;
  const resync = () => {
    for (const listener of resyncListeners) listener();
  };

  for (const [name, connection] of [['publisher', publisher], ['subscriber', subscriber]] as const) {
    connection.on('error', (error: Error) => log.warn({ err: error, connection: name }, 'redis connection error'));
  }
  let subscribed = false;
  // Subscribing is repeated on every (re)connection, so an instance that starts while Redis is
  // down waits for it instead of failing; SUBSCRIBE to a channel already subscribed is a no-op.
  const subscribe = () =>
    subscriber.subscribe(CHANNEL).then(
      () => {
        subscribed = true;
      },
      (error: Error) => log.warn({ err: error }, 'redis subscription failed; retrying on reconnect'),
    );
  subscriber.on('close', () => {
    subscribed = false;
    lostSubscription = true;
  });
  subscriber.on('ready', () => {
    void subscribe();
    if (!lostSubscription) return;
    lostSubscription = false;
    resync();
  });
  // An event that could not be published was missed by every instance: once Redis takes
  // publishes again, all instances are told to make their clients resume.
  publisher.on('ready', () => {
    if (!publishFailed) return;
    publishFailed = false;
    publisher.publish(CHANNEL, JSON.stringify({ kind: 'resync' } satisfies DeskEvent)).catch(() => {
      publishFailed = true;
    });
  });
  subscriber.on('message', (_channel: string, payload: string) => {
    let events: DeskEvent | DeskEvent[];
    try {
      events = JSON.parse(payload) as DeskEvent | DeskEvent[];
    } catch {
      log.error('unreadable event on the redis channel');
      return;
    }
    for (const event of Array.isArray(events) ? events : [events]) {
      for (const handler of handlers) {
        // One handler's failure must not cost the rest of the batch its delivery.
        try {
          handler(event);
        } catch (error) {
          log.error({ err: error, kind: event.kind }, 'an event handler failed');
        }
      }
    }
  });
  void subscribe();

  let pending: { events: DeskEvent[]; sent: Promise<void> } | undefined;
  const sendPending = async (events: DeskEvent[]) => {
    try {
      await publisher.publish(CHANNEL, JSON.stringify(events.length === 1 ? events[0] : events));
    } catch (error) {
      publishFailed = true;
      log.warn({ err: error, kinds: [...new Set(events.map((event) => event.kind))] }, 'events not published: redis is unreachable');
    }
  };

  return {
    publish(event) {
      if (!pending) {
        const events: DeskEvent[] = [];
        const sent = new Promise<void>((resolve) =>
          setImmediate(() => {
            pending = undefined;
            void sendPending(events).then(resolve);
          }),
        );
        pending = { events, sent };
      }
      pending.events.push(event);
      return pending.sent;
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    onResync(listener) {
      resyncListeners.add(listener);
    },
    async ping() {
      if (subscriber.status !== 'ready' || !subscribed) throw new Error(`redis subscriber is ${subscriber.status}`);
      await publisher.ping();
    },
    async close() {
      // Events of the last turn before shutdown still go out.
      await pending?.sent;
      handlers.clear();
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
