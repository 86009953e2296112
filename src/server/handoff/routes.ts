/**
 * The case code's routes. Claims are limited twice, against guessing: per client address (every
 * attempt counts; past the limit a proof of work, src/server/proof-of-work) and for the whole desk
 * (wrong codes count, and past the limit every attempt is refused), in @fastify/rate-limit's store,
 * which instances share through Redis.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HANDOFF_ROUTES } from '../../shared/protocol';
import { serve } from '../contracts';
import { bearerToken } from '../conversations/routes';
import { toVisitorView } from '../conversations/mappers';
import { AppError } from '../errors';
import type { ProofOfWorkService } from '../proof-of-work/service';
import type { HandoffService } from './service';

const HOUR_MS = 60 * 60_000;

export interface HandoffRouteOptions {
  deskId: string;
  handoff: HandoffService;
  attemptsPerHour: number;
  failuresPerHour: number;
  /** Past a per-address limit, a proof of work (src/server/proof-of-work). */
  proofOfWork: Pick<ProofOfWorkService, 'limit'>;
}

export async function handoffRoutes(app: FastifyInstance, options: HandoffRouteOptions): Promise<void> {
  const { deskId, handoff } = options;
  const perAddress = options.proofOfWork.limit(app, { scope: 'case-code', max: options.attemptsPerHour, timeWindowMs: HOUR_MS, exceeded: 'case_code_attempts_exceeded' });
  const desk = app.createRateLimit({ max: options.failuresPerHour, timeWindow: HOUR_MS, keyGenerator: () => `case-code:${deskId}:failures` });

  serve(app, HANDOFF_ROUTES.issue, {}, async (_input, request) => handoff.issue(bearerToken(request)));

  serve(app, HANDOFF_ROUTES.claim, { onRequest: perAddress }, async ({ body }, request) => {
    const failures = await desk(request, { increment: false });
    if (!failures.isAllowed && failures.remaining === 0) throw new AppError('case_code_attempts_exceeded');
    try {
      const { token, conversation } = await handoff.claim(body);
      return { token, conversation: toVisitorView(conversation) };
    } catch (error) {
      if (error instanceof AppError && error.code === 'case_code_invalid') await desk(request);
      throw error;
    }
  });
}
