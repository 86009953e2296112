/**
 * The bus between instances on a real Redis: the events of one event-loop turn go out as one
 * PUBLISH, in order, and every instance still receives each event on its own.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bus } from '../../../src/server/events/bus';
import type { DeskEvent } from '../../../src/server/events/desk-event';
import { createRedisBus } from '../../../src/server/events/redis-bus';
import { until } from '../../support/deadline';
import { redisUrl } from '../../support/redis';

const CHANNEL = 'e-konsultant:events';
const log = pino({ level: 'silent' });

describe.skipIf(!redisUrl)('the Redis bus', () => {
  const closing: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    for (const close of closing.splice(0)) await close();
  });

  const openBus = async (): Promise<Bus> => {
    const bus = await createRedisBus(redisUrl!, log);
    closing.push(() => bus.close());
    await until('the bus to subscribe', () => bus.ping().then(() => true));
    return bus;
  };

  /** Other test files share the machine's Redis and its channel: keep only this test's events. */
  const ours = (tag: string) => (event: DeskEvent) => event.kind === 'sessions-ended' && event.userId.startsWith(tag);

  it('sends the events of one turn as one publish, in order, and every instance receives each', async () => {
    const tag = `bus-${randomUUID()}:`;
    const [publisher, other] = [await openBus(), await openBus()];
    const onOther: string[] = [];
    const onPublisher: string[] = [];
    other.subscribe((event) => ours(tag)(event) && event.kind === 'sessions-ended' && onOther.push(event.userId));
    publisher.subscribe((event) => ours(tag)(event) && event.kind === 'sessions-ended' && onPublisher.push(event.userId));

    const raw = new Redis(redisUrl!);
    closing.push(() => raw.disconnect());
    const payloads: string[] = [];
    raw.on('message', (_channel: string, payload: string) => payload.includes(tag) && payloads.push(payload));
    await raw.subscribe(CHANNEL);

    const userIds = Array.from({ length: 50 }, (_, i) => `${tag}${i}`);
    await Promise.all(userIds.map((userId) => publisher.publish({ kind: 'sessions-ended', userId, sessionHash: null })));

    await until('50 events on both instances', () => onOther.length === 50 && onPublisher.length === 50 && payloads.length > 0);
    expect(onOther).toEqual(userIds);
    expect(onPublisher).toEqual(userIds);
    expect(payloads).toHaveLength(1);
    expect(JSON.parse(payloads[0]!)).toHaveLength(50);
  });

  it('still reads a single event published on its own, as an instance of the previous version sends it', async () => {
    const tag = `bus-${randomUUID()}:`;
    const bus = await openBus();
    const received: string[] = [];
    bus.subscribe((event) => ours(tag)(event) && event.kind === 'sessions-ended' && received.push(event.userId));
    const raw = new Redis(redisUrl!);
    closing.push(() => raw.disconnect());
    await raw.publish(CHANNEL, JSON.stringify({ kind: 'sessions-ended', userId: `${tag}old`, sessionHash: null }));
    await until('the single event', () => received.length === 1);
    expect(received).toEqual([`${tag}old`]);
  });
});

