/**
 * "My language is not listed": a button on the start form that loads the searchable list of
 * languages (its own chunk) and shows the one picked, which the conversation then carries.
 */
import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import { errorText } from '../../common/error-text';
import { nativeLanguageName } from '../../common/format';
import { useT } from '../../common/i18n';
import type { SpokenLanguagePickerProps } from './spoken-language-picker';

export function SpokenLanguageField({ value, onChange }: SpokenLanguagePickerProps) {
  const t = useT();
  const [picker, setPicker] = useState<ComponentType<SpokenLanguagePickerProps> | 'loading' | 'failed' | null>(null);
  const open = () => {
    setPicker('loading');
    import('./spoken-language-picker').then(
      (module) => setPicker(() => module.SpokenLanguagePicker),
      () => setPicker('failed'),
    );
  };
  const remove = () => {
    onChange('');
    setPicker(null);
  };
  if (typeof picker === 'function') {
    const Picker = picker;
    return (
      <fieldset class="spoken-language">
        <legend>{t('visitor:spokenLanguage.open')}</legend>
        <Picker value={value} onChange={onChange} />
        {value && (
          <p data-testid="spoken-language-chosen">
            {t('visitor:spokenLanguage.chosen')} <span lang={value}>{nativeLanguageName(value)}</span>{' '}
            <button type="button" class="button button--small button--quiet" onClick={remove}>
              {t('visitor:spokenLanguage.clear')}
            </button>
          </p>
        )}
      </fieldset>
    );
  }
  return (
    <div class="spoken-language">
      {picker === 'failed' && (
        <p class="notice notice--error" role="alert">
          {errorText(t, 'network')}
        </p>
      )}
      <button type="button" class="button button--quiet" data-testid="spoken-language-open" disabled={picker === 'loading'} onClick={open}>
        {picker === 'loading' ? t('visitor:spokenLanguage.loading') : t('visitor:spokenLanguage.open')}
      </button>
    </div>
  );
}
