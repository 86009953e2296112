import type { UiLanguage } from '../../shared/languages';
import { nativeLanguageName } from './format';

interface LanguageSelectProps<L extends string> {
  /** The select's id and test id. */
  id: string;
  label: string;
  languages: readonly L[];
  value: L;
  onChange: (language: L) => void;
}

/**
 * A labelled choice among languages (the desk's, or a translation engine's), each named in itself
 * (and marked with its `lang`).
 */
export function LanguageSelect<L extends string = UiLanguage>({ id, label, languages, value, onChange }: LanguageSelectProps<L>) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} data-testid={id} value={value} onChange={(event) => onChange(event.currentTarget.value as L)}>
        {languages.map((code) => (
          <option key={code} value={code} lang={code}>
            {nativeLanguageName(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
