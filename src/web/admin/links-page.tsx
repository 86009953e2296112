import { useEffect, useState } from 'preact/hooks';
import { UI_LANGUAGES } from '../../shared/languages';
import { DESK_ROUTES, OFFICE_ROUTES, type DeskInfo } from '../../shared/protocol';
import { api, pathOf } from '../common/api';
import { nativeLanguageName } from '../common/format';
import { useLanguage, useT } from '../common/i18n';
import { topicName } from '../common/topic-name';
import { PageHeading, type PageProps } from './pages';

/** Every way in: links with ?lang= and ?topic=, their QR codes and a printable poster (docs/entry-points.md). */
export function LinksPage({ focusHeading }: PageProps) {
  const t = useT();
  const uiLanguage = useLanguage();
  const [desk, setDesk] = useState<DeskInfo | null>(null);
  const [language, setLanguage] = useState('');
  const [topic, setTopic] = useState('');
  useEffect(() => {
    api(DESK_ROUTES.info).then(setDesk, () => setDesk(null));
  }, []);

  const search = new URLSearchParams();
  if (language) search.set('lang', language);
  if (topic) search.set('topic', topic);
  const path = search.size ? `/?${search}` : '/';
  const link = `${location.origin}${path}`;
  const poster = `/poster?${new URLSearchParams({ path, ...(language && { lang: language }) })}`;

  return (
    <>
      <PageHeading focus={focusHeading}>{t('admin:nav.links')}</PageHeading>
      <form class="panel admin-section admin-form" onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label for="link-language">{t('admin:links.language')}</label>
          <select id="link-language" value={language} onChange={(event) => setLanguage(event.currentTarget.value)}>
            <option value="">{t('admin:links.anyLanguage')}</option>
            {(desk?.languages ?? UI_LANGUAGES).map((code) => (
              <option key={code} value={code}>
                {nativeLanguageName(code)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="link-topic">{t('admin:links.topic')}</label>
          <select id="link-topic" value={topic} onChange={(event) => setTopic(event.currentTarget.value)}>
            <option value="">{t('admin:links.anyTopic')}</option>
            {desk?.topics.map((id) => (
              <option key={id} value={id}>
                {topicName(t, id, uiLanguage, desk.topicNames?.[id])}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="link-result">{t('admin:links.link')}</label>
          <input id="link-result" data-testid="link-result" readOnly value={link} aria-describedby="link-facebook" />
          <p class="hint" id="link-facebook">
            {t('admin:links.facebook')}
          </p>
        </div>
      </form>
      <section class="panel admin-section" aria-labelledby="link-qr-heading">
        <h2 id="link-qr-heading">{t('admin:links.qr')}</h2>
        <img class="link-qr" src={pathOf(OFFICE_ROUTES.qrSvg, {}, { path })} alt={t('admin:links.qrAlt', { link })} width={200} height={200} />
        <ul>
          <li>
            <a href={pathOf(OFFICE_ROUTES.qrSvg, {}, { path })} download="desk-qr.svg" data-testid="qr-svg">
              {t('admin:links.downloadSvg')}
            </a>
          </li>
          <li>
            <a href={pathOf(OFFICE_ROUTES.qrPng, {}, { path })} download="desk-qr.png" data-testid="qr-png">
              {t('admin:links.downloadPng')}
            </a>
          </li>
          <li>
            <a href={poster} target="_blank" rel="noopener" data-testid="poster-link">
              {t('admin:links.poster')}
            </a>
          </li>
        </ul>
      </section>
    </>
  );
}
