import type { UiLanguage } from '../../shared/languages';
import { TOPIC_NAME_MAX_LENGTH, type TopicNames } from '../../shared/protocol';
import { nativeLanguageName } from '../common/format';
import { useT } from '../common/i18n';

interface TopicNamesFieldsProps {
  idPrefix: string;
  names: TopicNames;
  /** The desk's languages: a name is required in each (names in other languages are kept as they are). */
  languages: readonly UiLanguage[];
  onChange: (names: TopicNames) => void;
}

/** A topic's name in each language, each field marked with its language. */
export function TopicNamesFields({ idPrefix, names, languages, onChange }: TopicNamesFieldsProps) {
  const t = useT();
  return (
    <fieldset>
      <legend>{t('admin:topics.names')}</legend>
      {languages.map((language) => (
        <div class="field" key={language}>
          <label for={`${idPrefix}-${language}`}>{nativeLanguageName(language)}</label>
          <input
            id={`${idPrefix}-${language}`}
            lang={language}
            required
            maxLength={TOPIC_NAME_MAX_LENGTH}
            value={names[language] ?? ''}
            onInput={(event) => onChange({ ...names, [language]: event.currentTarget.value })}
          />
        </div>
      ))}
    </fieldset>
  );
}
