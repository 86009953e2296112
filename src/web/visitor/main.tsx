import { render, type JSX } from 'preact';
import { UI_LANGUAGES, isUiLanguage, type UiLanguage } from '../../shared/languages';
import { VISITOR_PAGE_NAMESPACES, type LocaleTree } from '../../shared/locales';
import type { DeskInfo } from '../../shared/protocol';
import { initI18n, loadLocale, translate, type AppLocales } from '../common/i18n';
import { browserStorage } from '../common/storage';
import { initialDesk } from './api';
import { App } from './app';
import { bookingPage, isBookingPage } from './booking/route';
import { languageFromQuery, pickLanguage } from './language';
import { continuePage, isContinuePage } from './handoff/route';
import { isMessagePage, messagePage } from './leave-message/route';
import '../common/visually-hidden.css';
import './visitor.css';

const LOCALES: AppLocales = {
  namespaces: VISITOR_PAGE_NAMESPACES,
  files: import.meta.glob<LocaleTree>('../../shared/locales/*/{common,visitor}.json', { import: 'default' }),
};

async function boot(root: HTMLElement): Promise<void> {
  const query = languageFromQuery(location.search);
  const preferred = navigator.languages;
  // The server already negotiated <html lang>; fetch that language's strings while the desk loads.
  const guess = pickLanguage({ query, preferred, offered: UI_LANGUAGES, fallback: documentLanguage() });
  loadLocale(guess, LOCALES).catch(() => undefined);

  let desk: DeskInfo;
  try {
    desk = await initialDesk();
  } catch (error) {
    console.warn('Could not load the desk info', error);
    await initI18n(guess, LOCALES);
    show(<LoadFailed />, root);
    return;
  }
  const language = pickLanguage({ query, preferred, offered: desk.languages, fallback: desk.defaultLanguage });
  await initI18n(language, LOCALES);
  show(await page(desk), root);
}

/** The private pages of a left message and of a booking each load their own chunk; a case code's link opens the conversation. */
async function page(desk: DeskInfo): Promise<JSX.Element> {
  if (isMessagePage()) return messagePage(desk);
  if (isBookingPage()) return bookingPage(desk, browserStorage());
  if (isContinuePage()) return continuePage(desk, browserStorage());
  return <App initialDesk={desk} storage={browserStorage()} />;
}

/** Replaces the static "Loading…" text; Preact would otherwise keep it next to the app. */
function show(app: JSX.Element, root: HTMLElement): void {
  root.replaceChildren();
  render(app, root);
}

function documentLanguage(): UiLanguage {
  const lang = document.documentElement.lang;
  return isUiLanguage(lang) ? lang : 'pl';
}

function LoadFailed() {
  return (
    <main class="content">
      <h1>e-Konsultant</h1>
      <p class="notice notice--error" role="alert">
        {translate('visitor:loadFailed')}
      </p>
      <button type="button" class="button button--primary" onClick={() => location.reload()}>
        {translate('visitor:retry')}
      </button>
    </main>
  );
}

const root = document.getElementById('app')!;
boot(root).catch((error: unknown) => {
  // Not even the strings could be loaded, so this message cannot be translated.
  console.error(error);
  root.textContent =
    'Nie udało się załadować strony. Sprawdź połączenie i odśwież. / ' +
    'The page could not be loaded. Check your connection and reload.';
});
