import type { FastifyInstance } from 'fastify';
import { HEALTH_ROUTES } from '../../shared/protocol';
import { serve } from '../contracts';

export type HealthCheck = () => Promise<void>;

/** 200 when every dependency answers, 503 naming the ones that do not. */
export async function healthRoutes(app: FastifyInstance, checks: Record<string, HealthCheck>): Promise<void> {
  serve(app, HEALTH_ROUTES.check, {}, async (_input, _request, reply) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 2_000);
          return [name, 'ok'] as const;
        } catch {
          return [name, 'unavailable'] as const;
        }
      }),
    );
    const healthy = results.every(([, state]) => state === 'ok');
    void reply.status(healthy ? 200 : 503).header('cache-control', 'no-store');
    return { status: healthy ? ('ok' as const) : ('unavailable' as const), checks: Object.fromEntries(results) };
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
