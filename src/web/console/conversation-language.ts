import type { ConversationSummary } from '../../shared/protocol';
import { languageName } from '../common/format';
import type { Translate } from '../common/i18n';

/**
 * The conversation's language as staff read it, with the visitor's own when they said theirs is
 * not listed, e.g. "Russian (the visitor's own: Uzbek)".
 */
export function conversationLanguage(t: Translate, conversation: Pick<ConversationSummary, 'language' | 'spokenLanguage'>, displayLanguage: string): string {
  const language = languageName(conversation.language, displayLanguage);
  if (!conversation.spokenLanguage) return language;
  return t('console:queue.spokenLanguage', { language, spoken: languageName(conversation.spokenLanguage, displayLanguage) });
}
