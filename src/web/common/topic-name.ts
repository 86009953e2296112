/**
 * A topic's name as the office wrote it in /admin (served by /api/desk as `topicNames`), else the
 * locale file's `common:topics.<id>` for the seeded topics, else its id.
 */
import type { TopicNames } from '../../shared/protocol';
import type { Translate } from './i18n';

let officeNames: Readonly<Record<string, TopicNames>> = {};

/** Keeps the names from the latest /api/desk for `topicName` calls that are not given any. */
export function rememberTopicNames(names: Readonly<Record<string, TopicNames>> | undefined): void {
  officeNames = names ?? {};
}

export function topicName(t: Translate, id: string, language: string, names: TopicNames | undefined = officeNames[id]): string {
  const named = names?.[language as keyof TopicNames];
  if (named) return named;
  const key = `common:topics.${id}`;
  const fromLocale = t(key);
  return fromLocale === key ? id : fromLocale;
}
