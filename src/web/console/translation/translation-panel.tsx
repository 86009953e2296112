import { useEffect, useState } from 'preact/hooks';
import { TRANSLATION_ROUTES, type ConversationTranslation } from '../../../shared/protocol';
import { api, errorCodeOf, type ApiErrorCode } from '../../common/api';
import { errorText } from '../../common/error-text';
import { nativeLanguageName } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import { LanguageSelect } from '../../common/language-select';

/** The engine's languages, asked once per page: whether translation is configured does not change while it runs. */
let engineLanguages: Promise<string[] | null> | undefined;
function configuredLanguages(): Promise<string[] | null> {
  engineLanguages ??= api(TRANSLATION_ROUTES.status, {})
    .then((status) => (status.configured ? status.languages : null))
    .catch(() => {
      engineLanguages = undefined;
      return null;
    });
  return engineLanguages;
}

/**
 * The consultant turns machine translation on for this conversation, into their own language
 * (docs/translation.md). Nothing shows when the desk has no translation engine.
 */
export function TranslationPanel({ conversationId }: { conversationId: string }) {
  const t = useT();
  const interfaceLanguage = useLanguage();
  const [languages, setLanguages] = useState<string[] | null>(null);
  const [setting, setSetting] = useState<ConversationTranslation | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  /** The language picked while translation is off, used when it is switched on. */
  const [picked, setPicked] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setSetting(null);
    setPicked(null);
    void configuredLanguages().then(async (offered) => {
      if (!current || !offered) return;
      setLanguages(offered);
      const loaded = await api(TRANSLATION_ROUTES.get, { params: { id: conversationId } });
      if (current) setSetting(loaded);
    });
    return () => {
      current = false;
    };
  }, [conversationId]);

  if (!languages || !setting) return null;
  const choices = languages.filter((code) => code !== setting.visitorLanguage);
  const staffLanguage = setting.staffLanguage ?? picked ?? (choices.includes(interfaceLanguage) ? interfaceLanguage : choices[0]) ?? interfaceLanguage;

  const save = async (enabled: boolean, language: string) => {
    setFailure(null);
    try {
      setSetting(await api(TRANSLATION_ROUTES.set, { params: { id: conversationId }, body: { enabled, staffLanguage: language } }));
    } catch (error) {
      setFailure(errorCodeOf(error));
    }
  };

  return (
    <section class="panel translation-panel" aria-labelledby="translation-heading" data-testid="translation-panel">
      <h3 id="translation-heading">{t('console:translation.heading')}</h3>
      <label class="checkbox">
        <input type="checkbox" data-testid="translation-enabled" checked={setting.enabled} onChange={(event) => void save(event.currentTarget.checked, staffLanguage)} />
        {t('console:translation.toggle')}
      </label>
      <LanguageSelect
        id="translation-language"
        label={t('console:translation.language')}
        languages={choices}
        value={staffLanguage}
        onChange={(language) => {
          setPicked(language);
          if (setting.enabled) void save(true, language);
        }}
      />
      <p role="status" data-testid="translation-state">
        {setting.enabled
          ? t('console:translation.on', { visitor: nativeLanguageName(setting.visitorLanguage), staff: nativeLanguageName(staffLanguage) })
          : t('console:translation.off')}
      </p>
      {failure && <p class="error" role="alert">{errorText(t, failure)}</p>}
    </section>
  );
}
