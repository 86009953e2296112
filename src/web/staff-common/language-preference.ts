/** The console's interface language, remembered per browser once a consultant picks one. */
import { isUiLanguage, type UiLanguage } from '../../shared/languages';

const LANGUAGE_KEY = 'e-konsultant.console.language';

export function savedLanguage(): UiLanguage | null {
  try {
    const saved = localStorage.getItem(LANGUAGE_KEY);
    return isUiLanguage(saved) ? saved : null;
  } catch {
    return null;
  }
}

export function saveLanguage(language: UiLanguage): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}
