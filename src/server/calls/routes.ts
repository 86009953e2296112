import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { interpreterLanguageSchema, type interpreterListSchema } from '../../shared/protocol';
import { requireStaff, signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { AppError } from '../errors';
import type { CallService } from './service';

const interpreterQuerySchema = z.object({ language: z.optional(interpreterLanguageSchema) });

/** Staff a consultant can invite into a call: interpreters of the language asked (e.g. `pjm`), available now. */
export async function callRoutes(app: FastifyInstance, options: { auth: AuthService; calls: CallService }): Promise<void> {
  const { auth, calls } = options;
  app.get('/api/calls/interpreters', { preHandler: requireStaff(auth) }, async (request): Promise<z.infer<typeof interpreterListSchema>> => {
    const query = interpreterQuerySchema.safeParse(request.query);
    if (!query.success) throw new AppError('validation_failed', 'language');
    const staff = signedInStaff(request);
    const interpreters = await calls.interpreters(staff.desk_id, query.data.language);
    return { interpreters: interpreters.filter((interpreter) => interpreter.id !== staff.id) };
  });
}
