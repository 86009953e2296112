import type { FastifyRequest } from 'fastify';
import { isUiLanguage, negotiateLanguage, parseAcceptLanguage, type UiLanguage } from '../../shared/languages';
import type { Desk } from '../desks/desk';

/** A page's language: ?lang= when the desk offers it, else the browser's preference, else the desk's default. */
export function pageLanguage(request: FastifyRequest, desk: Pick<Desk, 'languages' | 'defaultLanguage'>): UiLanguage {
  const requested = (request.query as { lang?: unknown } | undefined)?.lang;
  if (isUiLanguage(requested) && desk.languages.includes(requested)) return requested;
  return negotiateLanguage(parseAcceptLanguage(request.headers['accept-language']), desk.languages, desk.defaultLanguage);
}
