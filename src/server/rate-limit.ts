/**
 * Messages per minute per sender. In memory for one instance; with Redis one limit shared by all
 * instances, which take it from Redis in leases (rate-limiter-flexible counts both).
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from './errors';

export interface RateLimiter {
  /** Counts one message for the key; throws `rate_limited` when the key is over its limit. */
  consume(key: string): Promise<void>;
}

function createRateLimiter(limiter: RateLimiterAbstract): RateLimiter {
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw new AppError('rate_limited');
        throw error;
      }
    },
  };
}

const WINDOW_SECONDS = 60;

export function createMemoryRateLimiter(messagesPerMinute: number): RateLimiter {
  return createRateLimiter(new RateLimiterMemory({ points: messagesPerMinute, duration: WINDOW_SECONDS }));
}

/** A lease is this share of a sender's minute, so a steady sender asks Redis about once per tenth of its limit. */
const LEASE_SHARE = 10;

interface Lease {
  left: number;
  /** When the sender's window in Redis ends, in `now()`'s milliseconds: the lease ends with it. */
  endsAt: number;
}

/**
 * The limit shared by all instances through Redis, taken in leases: an instance counts up to a
 * tenth of a sender's limit in Redis at once and spends it from memory, so a steady sender costs
 * one Redis round trip per lease instead of one per message (a round trip that every message
 * otherwise waited for before it was stored).
 *
 * Leased points count in Redis when they are leased, so across instances a sender gets at most
 * `messagesPerMinute` in a window; points a sender leaves unspent on one instance (it moved to
 * another) are lost to it until its window ends. A lease never outlives the window it was taken
 * in, and one instance asks for one lease of a sender at a time: messages arriving meanwhile wait
 * for it and spend from it. While Redis is away each instance limits on its own (the insurance
 * limiter), in leases all the same.
 */
export function createSharedRateLimiter(
  redis: Redis,
  messagesPerMinute: number,
  // `now` must run with Redis's clock, in which the windows end: a test moves it.
  { keyPrefix = 'e-konsultant:messages', now = Date.now }: { keyPrefix?: string; now?: () => number } = {},
): RateLimiter {
  const points = messagesPerMinute;
  // The arithmetic of a refused lease below relies on blockDuration, inMemoryBlockDuration and
  // execEvenly staying unset: each would change what a refusal's points and time say.
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration: WINDOW_SECONDS,
    insuranceLimiter: new RateLimiterMemory({ points, duration: WINDOW_SECONDS }),
    // A sender refused once is refused by this instance from memory until its minute is over:
    // a flood costs no Redis round trip per message.
    inMemoryBlockOnConsumed: points + 1,
  });
  const leaseSize = Math.max(1, Math.floor(points / LEASE_SHARE));
  const leases = new Map<string, Lease>();
  /** The lease request under way per sender; it resolves to the points it granted. */
  const requests = new Map<string, Promise<number>>();
  let sweepAt = now() + WINDOW_SECONDS * 1000;

  /** Points granted by a lease request; when refused as a whole, what the window had left before it. */
  const lease = async (key: string): Promise<{ granted: number; msLeft: number }> => {
    try {
      const taken = await limiter.consume(key, leaseSize);
      return { granted: leaseSize, msLeft: taken.msBeforeNext };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      // A refusal by the in-memory block counts nothing and says 0 points; one by Redis (or by
      // the insurance limiter while Redis is away) counted the whole lease, of which the points
      // under the limit are ours.
      const leftBefore = error.consumedPoints > 0 ? points - (error.consumedPoints - leaseSize) : 0;
      return { granted: Math.min(Math.max(leftBefore, 0), leaseSize), msLeft: error.msBeforeNext };
    }
  };

  const requestLease = (key: string, at: number): Promise<number> => {
    const request = lease(key)
      .then(({ granted, msLeft }) => {
        if (granted > 0) leases.set(key, { left: granted, endsAt: at + msLeft });
        return granted;
      })
      .finally(() => requests.delete(key));
    requests.set(key, request);
    return request;
  };

  // Leases of senders who stopped writing would stay forever: once a window, the ended ones go.
  const sweep = (at: number) => {
    if (at < sweepAt) return;
    sweepAt = at + WINDOW_SECONDS * 1000;
    for (const [key, held] of leases) if (held.endsAt <= at) leases.delete(key);
  };

  return {
    async consume(key) {
      // Each turn spends a point, or waits for a lease and tries again; a lease that grants
      // nothing refuses every message that waited for it.
      for (;;) {
        const at = now();
        sweep(at);
        const held = leases.get(key);
        if (held && held.left > 0 && at < held.endsAt) {
          held.left--;
          return;
        }
        const granted = await (requests.get(key) ?? requestLease(key, at));
        if (granted === 0) throw new AppError('rate_limited');
      }
    },
  };
}
