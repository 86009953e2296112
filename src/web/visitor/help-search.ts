/**
 * The visitor's article search, a chunk of its own: it brings the help wire's schemas, which the
 * first load does without until the visitor starts typing.
 */
import type { UiLanguage } from '../../shared/languages';
import { HELP_ROUTES, type HelpArticleLink } from '../../shared/wire/help';
import { api } from '../common/api';

/** Matches in the topic the visitor picked, else in any topic. */
export async function suggestArticles(q: string, language: UiLanguage, topic: string): Promise<HelpArticleLink[]> {
  const search = (inTopic?: string) => api(HELP_ROUTES.search, { query: { q, language, topic: inTopic } }).then((result) => result.articles);
  const inTopic = topic ? await search(topic) : [];
  return inTopic.length ? inTopic : search();
}
