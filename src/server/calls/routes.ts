import type { FastifyInstance } from 'fastify';
import { CALL_ROUTES } from '../../shared/protocol';
import { signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import type { CallService } from './service';

/** Staff a consultant can invite into a call: interpreters of the language asked (e.g. `pjm`), available now. */
export async function callRoutes(app: FastifyInstance, options: { auth: AuthService; calls: CallService }): Promise<void> {
  const { auth, calls } = options;
  serve(app, CALL_ROUTES.interpreters, { auth }, async ({ query }, request) => {
    const staff = signedInStaff(request);
    const interpreters = await calls.interpreters(staff.desk_id, query.language);
    return { interpreters: interpreters.filter((interpreter) => interpreter.id !== staff.id) };
  });
}
