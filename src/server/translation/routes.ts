import type { FastifyInstance } from 'fastify';
import { TRANSLATION_ROUTES } from '../../shared/protocol';
import { signedInActor } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import { conversationIdOf } from '../http';
import type { TranslationService } from './service';

export async function translationRoutes(app: FastifyInstance, options: { auth: AuthService; translation: TranslationService }): Promise<void> {
  const { auth, translation } = options;

  serve(app, TRANSLATION_ROUTES.status, { auth }, async () => ({ configured: translation.configured, languages: await translation.languages() }));

  serve(app, TRANSLATION_ROUTES.get, { auth }, async (_input, request) => translation.forStaff(signedInActor(request), conversationIdOf(request)));

  serve(app, TRANSLATION_ROUTES.set, { auth }, async ({ body }, request) =>
    translation.set(signedInActor(request), conversationIdOf(request), body.enabled, body.staffLanguage),
  );
}
