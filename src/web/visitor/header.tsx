import { useEffect } from 'preact/hooks';
import type { DeskInfo } from '../../shared/protocol';
import { officeTitle } from '../../shared/wire/office';
import { useLanguage, useT } from '../common/i18n';
import { LanguageSwitcher } from '../common/language-switcher';
import { rememberLanguageInUrl } from './language';
import './office/office.css';

/** The page's title: its own heading, if any, and the office's names in the page's language. */
export function usePageTitle(desk: DeskInfo, heading?: string): void {
  const office = officeTitle(desk.office, useLanguage(), ' — ');
  const title = heading ? `${heading} — ${office}` : office;
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/**
 * The skip link and the office's header (name, logo, brand colour and what the desk is for, from
 * its profile), the same on every visitor page.
 */
export function Header({ desk }: { desk: DeskInfo }) {
  const t = useT();
  const language = useLanguage();
  const { office } = desk;
  const brand = office.brandColour && office.brandText ? { '--brand': office.brandColour, '--brand-text': office.brandText } : undefined;
  return (
    <>
      <a class="skip-link" href="#main">
        {t('visitor:office.skipLink')}
      </a>
      <header class={brand ? 'site-header site-header--brand' : 'site-header'} style={brand}>
        <div class="site-title">
          {office.logo && <img class="site-logo" src={office.logo} alt={t('visitor:office.logo', { office: office.texts[language]?.officeName ?? '' })} />}
          <h1 data-testid="office-name">{officeTitle(office, language, ' — ')}</h1>
          <p class="tagline" data-testid="office-description">
            {office.texts[language]?.description || t('visitor:tagline')}
          </p>
        </div>
        {desk.languages.length > 1 && (
          <LanguageSwitcher languages={desk.languages} label={t('visitor:language.label')} onChanged={rememberLanguageInUrl} />
        )}
      </header>
    </>
  );
}
