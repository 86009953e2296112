/**
 * The message limit shared by instances through a real Redis, taken in leases: between them the
 * instances accept at most the limit, a steady sender asks Redis once per lease, messages at once
 * share one lease, and a lease ends with the window it was taken in.
 */
import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/server/errors';
import { createSharedRateLimiter, type RateLimiter } from '../../src/server/rate-limit';
import { freePort } from '../support/launcher';
import { redisUrl } from '../support/redis';

describe.skipIf(!redisUrl)('the shared message limit', () => {
  const clients: Redis[] = [];
  afterAll(() => clients.forEach((client) => client.disconnect()));

  const connect = (url: string, options: RedisOptions = {}) => {
    const client = new Redis(url, { maxRetriesPerRequest: 1, ...options });
    clients.push(client);
    return client;
  };

  /** One limiter per instance, each with its own connection, as each server has; a key prefix per test. */
  const instances = (count: number, messagesPerMinute: number, now?: () => number) => {
    const keyPrefix = `test-limit-${randomUUID()}`;
    const limiters = Array.from({ length: count }, () => createSharedRateLimiter(connect(redisUrl!), messagesPerMinute, { keyPrefix, now }));
    const reader = connect(redisUrl!);
    const counted = async (key: string) => Number((await reader.get(`${keyPrefix}:${key}`)) ?? 0);
    const expireIn = (key: string, ms: number) => reader.set(`${keyPrefix}:${key}`, 0, 'PX', ms);
    return { limiters, counted, expireIn };
  };

  const outcome = (limiter: RateLimiter, key: string) =>
    limiter.consume(key).then(
      () => 'accepted',
      (error: unknown) => (error instanceof AppError ? error.code : Promise.reject(error)),
    );

  it('accepts exactly the limit across instances, the sender moving between them', async () => {
    const { limiters } = instances(2, 30);
    const outcomes: string[] = [];
    for (let i = 0; i < 40; i++) outcomes.push(await outcome(limiters[i % 2]!, 'visitor:a'));
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(30);
    expect(outcomes.slice(30)).toEqual(Array(10).fill('rate_limited'));
  });

  it('asks Redis once per lease (a tenth of the limit), not once per message', async () => {
    const { limiters, counted } = instances(1, 30);
    const [limiter] = limiters;
    await limiter!.consume('staff:b');
    expect(await counted('staff:b')).toBe(3);
    await limiter!.consume('staff:b');
    await limiter!.consume('staff:b');
    expect(await counted('staff:b')).toBe(3);
    await limiter!.consume('staff:b');
    expect(await counted('staff:b')).toBe(6);
  });

  it('lets messages that arrive at once share one lease', async () => {
    const { limiters, counted } = instances(1, 30);
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => outcome(limiters[0]!, 'staff:e')));
    expect(outcomes).toEqual(Array(5).fill('accepted'));
    expect(await counted('staff:e')).toBe(6);
  });

  it('grants what the window has left when a whole lease does not fit, then refuses from memory', async () => {
    const { limiters, counted } = instances(2, 25);
    const [first, second] = limiters;
    for (let i = 0; i < 24; i++) expect(await outcome(second!, 'visitor:c')).toBe('accepted');
    expect(await counted('visitor:c')).toBe(24);
    // A lease of 2 with one point left: that one is granted, and nothing beyond it.
    expect(await outcome(first!, 'visitor:c')).toBe('accepted');
    expect(await outcome(first!, 'visitor:c')).toBe('rate_limited');
    expect(await outcome(second!, 'visitor:c')).toBe('rate_limited');
    const afterRefusals = await counted('visitor:c');
    expect(await outcome(first!, 'visitor:c')).toBe('rate_limited');
    expect(await counted('visitor:c')).toBe(afterRefusals);
  });

  it('does not spend a lease after the window it was taken in has ended', async () => {
    let now = Date.now();
    const { limiters, counted, expireIn } = instances(1, 30, () => now);
    const [limiter] = limiters;
    // A window with 10 s left: the lease taken in it ends then, not a minute after it was taken.
    await expireIn('visitor:d', 10_000);
    await limiter!.consume('visitor:d');
    expect(await counted('visitor:d')).toBe(3);
    now += 11_000;
    await limiter!.consume('visitor:d');
    // Two leased points were left, but their window is over here: the message asked Redis again.
    expect(await counted('visitor:d')).toBe(6);
  });

  it('limits in leases on its own while Redis cannot be reached', async () => {
    const unreachable = connect(`redis://127.0.0.1:${await freePort()}`, { enableOfflineQueue: false, retryStrategy: () => null, lazyConnect: true });
    const limiter = createSharedRateLimiter(unreachable, 25);
    const outcomes: string[] = [];
    for (let i = 0; i < 30; i++) outcomes.push(await outcome(limiter, 'visitor:f'));
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(25);
    expect(outcomes.slice(25)).toEqual(Array(5).fill('rate_limited'));
  });
});
