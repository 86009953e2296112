/**
 * The optional beep for a new waiting conversation: a short tone made with the Web Audio API
 * (no audio file to fetch), played only when the consultant switched it on.
 */
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

let audioContext: AudioContext | null = null;

/** Browsers start audio only after a user gesture, so call this from the toggle's handler too. */
export function prepareSound(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  audioContext ??= new AudioContext();
  if (audioContext.state === 'suspended') void audioContext.resume();
  return audioContext;
}

export function playNewConversationBeep(): void {
  const context = prepareSound();
  if (!context) return;
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  const start = context.currentTime;
  oscillator.type = 'sine';
  oscillator.frequency.value = 880;
  // A quick fade in and out avoids the click of a hard-edged tone.
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.35);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(start);
  oscillator.stop(start + 0.4);
}
