import { isUiLanguage, languageMeta, type UiLanguage } from '../../shared/languages';
import { changeLanguage, useLanguage } from './i18n';

interface LanguageSwitcherProps {
  languages: readonly UiLanguage[];
  label: string;
  /** After the new language's strings are in, e.g. to remember the choice. */
  onChanged?: (language: UiLanguage) => void;
}

/** Each language is named in itself (its name in languages.json, marked with its lang), so anyone can find their own. */
export function LanguageSwitcher({ languages, label, onChanged }: LanguageSwitcherProps) {
  const language = useLanguage();
  const switchTo = (next: string) => {
    if (!isUiLanguage(next)) return;
    changeLanguage(next).then(
      () => onChanged?.(next),
      (error: unknown) => console.warn('Could not load the language', error),
    );
  };
  return (
    <div class="language-switcher">
      <label for="language-select">{label}</label>
      <select
        id="language-select"
        data-testid="language-select"
        value={language}
        onChange={(event) => switchTo(event.currentTarget.value)}
      >
        {languages.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageMeta(code).name}
          </option>
        ))}
      </select>
    </div>
  );
}
