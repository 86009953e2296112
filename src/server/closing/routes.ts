/** A waiting visitor turns their conversation into a left message (their conversation token). */
import type { FastifyInstance } from 'fastify';
import { CLOSING_ROUTES } from '../../shared/protocol';
import { serve } from '../contracts';
import { bearerToken } from '../conversations/routes';
import type { ClosingService } from './service';

export async function closingRoutes(app: FastifyInstance, options: { closing: ClosingService }): Promise<void> {
  serve(app, CLOSING_ROUTES.leaveInstead, {}, async ({ body }, request) => options.closing.leaveInstead(bearerToken(request), body));
}
