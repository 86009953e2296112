/** The staff apps' interface language (console and /admin share it), remembered per browser once staff pick one. */
import { isStaffLanguage, type UiLanguage } from '../../shared/languages';

/** Named after the console, where it was first kept: renaming it would forget every saved choice. */
const LANGUAGE_KEY = 'e-konsultant.console.language';

export function savedLanguage(): UiLanguage | null {
  try {
    const saved = localStorage.getItem(LANGUAGE_KEY);
    return isStaffLanguage(saved) ? saved : null;
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
