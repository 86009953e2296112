import type { FastifyInstance } from 'fastify';
import type { DeskInfo } from '../../shared/protocol';
import { DESK_ROUTES } from '../../shared/protocol';
import { serve } from '../contracts';

export async function deskRoutes(app: FastifyInstance, options: { info: () => Promise<DeskInfo> }): Promise<void> {
  serve(app, DESK_ROUTES.info, {}, async (_input, _request, reply) => {
    void reply.header('cache-control', 'no-store');
    return options.info();
  });
}
