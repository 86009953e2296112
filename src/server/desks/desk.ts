import type { UiLanguage } from '../../shared/languages';
import type { WeeklyInterval } from '../../shared/protocol';

/** One office department's service: its hours, languages and topics. Every conversation belongs to one. */
export interface Desk {
  id: string;
  name: string;
  timeZone: string;
  hours: readonly WeeklyInterval[];
  languages: readonly UiLanguage[];
  defaultLanguage: UiLanguage;
  topics: readonly string[];
  maxMessageLength: number;
}
