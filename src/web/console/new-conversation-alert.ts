/** The optional beep for a new waiting conversation, played only when the consultant switched it on. */
const SOUND_PREFERENCE_KEY = 'e-konsultant.console.sound';

export function loadSoundPreference(): boolean {
  try {
    return localStorage.getItem(SOUND_PREFERENCE_KEY) === 'on';
  } catch {
    return false;
  }
}

export function saveSoundPreference(enabled: boolean): void {
  try {
    localStorage.setItem(SOUND_PREFERENCE_KEY, enabled ? 'on' : 'off');
  } catch {
    // Private mode or full storage: the choice lasts for this page only.
  }
}

/** The beep is the common tone (src/web/common/attention.ts). */
export { playTone as playNewConversationBeep, prepareSound } from '../common/attention';
