import type { OfficeInfo } from '../../../shared/protocol';
import { useLanguage, useT } from '../../common/i18n';

/** Kept in step with the footer of the server-rendered pages (src/server/office/pages.ts FOOTER_LINKS). */
const LINKS = [
  ['/accessibility', 'visitor:office.footer.accessibility'],
  ['/privacy', 'visitor:office.footer.privacy'],
  ['/easy-read', 'visitor:office.footer.easyRead'],
] as const;

/** The office's contacts and the pages the law requires, at the foot of every visitor page. */
export function SiteFooter({ office }: { office: OfficeInfo }) {
  const t = useT();
  const language = useLanguage();
  const texts = office.texts[language] ?? {};
  const contacts = [texts.departmentName, texts.address, ...office.phones, office.email].filter(Boolean);
  return (
    <footer class="site-footer" data-testid="site-footer">
      {office.media['funding-image'] ? (
        <img class="funding-image" src={office.media['funding-image']} alt={texts.fundingNotice ?? ''} />
      ) : (
        texts.fundingNotice && <p class="funding">{texts.fundingNotice}</p>
      )}
      <p>{contacts.join(' · ')}</p>
      <nav aria-label={t('visitor:office.footer.label')}>
        <ul>
          {LINKS.map(([path, key]) => (
            <li key={path}>
              <a href={`${path}?lang=${language}`}>{t(key)}</a>
            </li>
          ))}
        </ul>
      </nav>
    </footer>
  );
}

/** After the service period: the office's "where to go now" text and contacts instead of a dead end. */
export function AfterService({ office }: { office: OfficeInfo }) {
  const t = useT();
  const texts = office.texts[useLanguage()] ?? {};
  return (
    <section class="after-service" aria-labelledby="after-service-heading" data-testid="after-service">
      <h2 id="after-service-heading">{t('visitor:office.afterServiceHeading')}</h2>
      <p>{texts.afterService}</p>
      {texts.inPerson && <p>{texts.inPerson}</p>}
      <p>{[texts.address, ...office.phones, office.email].filter(Boolean).join(' · ')}</p>
    </section>
  );
}
