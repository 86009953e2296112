/**
 * Messages per minute per sender. In memory for one instance; with Redis the same limiter is
 * shared by all instances (rate-limiter-flexible offers both behind one interface).
 */
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from './errors';

export interface RateLimiter {
  /** Counts one message for the key; throws `rate_limited` when the key is over its limit. */
  consume(key: string): Promise<void>;
}

export function createRateLimiter(limiter: RateLimiterAbstract): RateLimiter {
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

export function createMemoryRateLimiter(messagesPerMinute: number): RateLimiter {
  return createRateLimiter(new RateLimiterMemory({ points: messagesPerMinute, duration: 60 }));
}
