/** The health check a load balancer polls (src/server/health). */
import * as z from 'zod/mini';
import { defineRoute } from './contract';

const HEALTH_STATES = ['ok', 'unavailable'] as const;

const healthSchema = z.object({
  status: z.enum(HEALTH_STATES),
  /** Each dependency by name. */
  checks: z.record(z.string(), z.enum(HEALTH_STATES)),
});

export const HEALTH_ROUTES = {
  /** 200 when every dependency answers, 503 naming the ones that do not. */
  check: defineRoute({ method: 'GET', path: '/healthz', auth: 'none', response: healthSchema }),
};
