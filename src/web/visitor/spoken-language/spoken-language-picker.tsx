/** The searchable list behind "my language is not listed": its own chunk, loaded when opened. */
import { useMemo, useState } from 'preact/hooks';
import { useLanguage, useT } from '../../common/i18n';
import { matchingLanguages, spokenLanguageOptions } from './spoken-languages';

export interface SpokenLanguagePickerProps {
  value: string;
  onChange: (code: string) => void;
}

export function SpokenLanguagePicker({ value, onChange }: SpokenLanguagePickerProps) {
  const t = useT();
  const pageLanguage = useLanguage();
  const [query, setQuery] = useState('');
  const options = useMemo(() => spokenLanguageOptions(pageLanguage), [pageLanguage]);
  const shown = matchingLanguages(options, query);
  return (
    <div class="spoken-language-picker">
      <p id="spoken-language-hint" class="hint">
        {t('visitor:spokenLanguage.hint')}
      </p>
      <div class="field">
        <label for="spoken-language-search">{t('visitor:spokenLanguage.search')}</label>
        <input
          id="spoken-language-search"
          data-testid="spoken-language-search"
          type="search"
          autocomplete="off"
          value={query}
          aria-controls="spoken-language-list"
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="spoken-language-list">{t('visitor:spokenLanguage.label')}</label>
        <select
          id="spoken-language-list"
          data-testid="spoken-language-list"
          size={Math.min(8, Math.max(2, shown.length))}
          value={value}
          aria-describedby="spoken-language-hint"
          onChange={(event) => onChange(event.currentTarget.value)}
        >
          {shown.map((option) => (
            <option key={option.code} value={option.code} lang={option.code}>
              {option.native === option.local ? option.native : `${option.native} — ${option.local}`}
            </option>
          ))}
        </select>
        {shown.length === 0 && (
          <p class="hint" role="status">
            {t('visitor:spokenLanguage.none')}
          </p>
        )}
      </div>
    </div>
  );
}
