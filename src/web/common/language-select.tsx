import type { UiLanguage } from '../../shared/languages';
import { nativeLanguageName } from './format';

interface LanguageSelectProps {
  /** The select's id and test id. */
  id: string;
  label: string;
  languages: readonly UiLanguage[];
  value: UiLanguage;
  onChange: (language: UiLanguage) => void;
}

/** A labelled choice among the desk's languages, each named in itself (and marked with its `lang`). */
export function LanguageSelect({ id, label, languages, value, onChange }: LanguageSelectProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} data-testid={id} value={value} onChange={(event) => onChange(event.currentTarget.value as UiLanguage)}>
        {languages.map((code) => (
          <option key={code} value={code} lang={code}>
            {nativeLanguageName(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
