/**
 * The outside things, chosen by configuration in this one place: SQLite or PostgreSQL, and the
 * in-process bus and limits or Redis ones shared by every instance.
 */
import type { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import { migrateToLatest, openDatabase, type Database } from './db/database';
import { moduleMigrations } from './modules';
import { createInProcessBus, type Bus } from './events/bus';
import { createMemoryRateLimiter, createSharedRateLimiter, type RateLimiter } from './rate-limit';
import { createRedisBus } from './events/redis-bus';

export interface Infrastructure {
  database: Database;
  bus: Bus;
  messageRateLimiter: RateLimiter;
  /** For @fastify/rate-limit's shared store; undefined keeps its in-memory store. */
  rateLimitRedis: Redis | undefined;
  close(): Promise<void>;
}

export async function openInfrastructure(config: Config, log: FastifyBaseLogger): Promise<Infrastructure> {
  const database = openDatabase(config.databaseUrl, config.databasePoolSize);
  await migrateToLatest(database.db, moduleMigrations);
  if (!config.redisUrl) {
    const bus = createInProcessBus();
    return {
      database,
      bus,
      messageRateLimiter: createMemoryRateLimiter(config.limits.messagesPerMinute),
      rateLimitRedis: undefined,
      close: async () => {
        await bus.close();
        await database.close();
      },
    };
  }
  const bus = await createRedisBus(config.redisUrl, log);
  const { Redis: RedisClient } = await import('ioredis');
  // Auto-pipelining sends the limit checks of one event-loop turn in one write.
  const rateLimitRedis = new RedisClient(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, enableAutoPipelining: true });
  rateLimitRedis.on('error', (error: Error) => log.warn({ err: error }, 'redis (rate limits) connection error'));
  const messageRateLimiter = createSharedRateLimiter(rateLimitRedis, config.limits.messagesPerMinute);
  return {
    database,
    bus,
    messageRateLimiter,
    rateLimitRedis,
    close: async () => {
      await bus.close();
      rateLimitRedis.disconnect();
      await database.close();
    },
  };
}
