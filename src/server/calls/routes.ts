import type { FastifyInstance } from 'fastify';
import { CALL_ROUTES, CALL_SETTINGS_ROUTES } from '../../shared/protocol';
import { signedInActor, signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import type { CallPolicyService } from './policy';
import type { CallService } from './service';

/** Staff a consultant can invite into a call (interpreters of the language asked, e.g. `pjm`, available now); the office's call settings for admins. */
export async function callRoutes(app: FastifyInstance, options: { auth: AuthService; calls: CallService; policy: CallPolicyService }): Promise<void> {
  const { auth, calls, policy } = options;
  serve(app, CALL_SETTINGS_ROUTES.get, { auth }, async (_input, request) => policy.settings(signedInStaff(request).desk_id));
  serve(app, CALL_SETTINGS_ROUTES.update, { auth }, async ({ body }, request) => policy.update(signedInActor(request), body));
  serve(app, CALL_ROUTES.interpreters, { auth }, async ({ query }, request) => {
    const staff = signedInStaff(request);
    const interpreters = await calls.interpreters(staff.desk_id, query.language);
    return { interpreters: interpreters.filter((interpreter) => interpreter.id !== staff.id) };
  });
}
