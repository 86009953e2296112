import type { ConversationSummary } from '../../shared/protocol';

/** A language's name in the interface language, e.g. "Ukraiński" for `uk` on a Polish console. */
export function languageName(code: string, displayLanguage: string): string {
  try {
    const name = new Intl.DisplayNames([displayLanguage], { type: 'language' }).of(code) ?? code;
    return name.charAt(0).toLocaleUpperCase(displayLanguage) + name.slice(1);
  } catch {
    return code;
  }
}

export function visitorLabel(conversation: ConversationSummary, anonymous: string): string {
  return conversation.visitorName?.trim() || anonymous;
}
