/**
 * Being told while the tab is in the background: the tab's title says what happened and, when the
 * user switched it on (never asked at page load), a short tone made with the Web Audio API (no file
 * to fetch) and a system notification. Only what someone else did calls this: never the user's own
 * messages.
 */
export type AttentionApp = 'visitor' | 'console';

const preferenceKey = (app: AttentionApp) => `e-konsultant.${app}.notifications`;

export function loadNotifyPreference(app: AttentionApp): boolean {
  try {
    return localStorage.getItem(preferenceKey(app)) === 'on';
  } catch {
    return false;
  }
}

export function saveNotifyPreference(app: AttentionApp, enabled: boolean): void {
  try {
    localStorage.setItem(preferenceKey(app), enabled ? 'on' : 'off');
  } catch {
    // Private mode or full storage: the choice lasts for this page only.
  }
}

/** Asks for the browser's permission, after the user opted in; true once notifications may be shown. */
export async function allowNotifications(): Promise<boolean> {
  if (typeof Notification === 'undefined') return false;
  if (Notification.permission === 'granted') return true;
  if (Notification.permission === 'denied') return false;
  return (await Notification.requestPermission()) === 'granted';
}

let audioContext: AudioContext | null = null;

/** Browsers start audio only after a user gesture, so call this from the switch's handler too. */
export function prepareSound(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  audioContext ??= new AudioContext();
  if (audioContext.state === 'suspended') void audioContext.resume();
  return audioContext;
}

export function playTone(): void {
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

/** The page's own title while a background change is shown in front of it, and that change. */
let ownTitle: string | null = null;
let news = '';
/** Sees the page set its own title (the console's waiting count) while the news is in front of it. */
let titleWatcher: MutationObserver | null = null;

const withNews = (title: string) => `${news} — ${title}`;

/** The page's own title now: the one it set last, or the one the news was put in front of. */
function pageTitle(): string {
  return ownTitle !== null && document.title === withNews(ownTitle) ? ownTitle : document.title;
}

/** The page changed its title in the background: the news goes in front of the new one, which comes back later. */
function keepNewsInFront(): void {
  if (ownTitle === null || pageTitle() === ownTitle) return;
  ownTitle = document.title;
  document.title = withNews(ownTitle);
}

function restoreTitle(): void {
  if (document.hidden || ownTitle === null) return;
  titleWatcher?.disconnect();
  document.title = pageTitle();
  ownTitle = null;
  document.removeEventListener('visibilitychange', restoreTitle);
}

/** Tells the user about `title` if the tab is in the background; nothing when they are looking at it. */
export function tellInBackground(app: AttentionApp, title: string, body: string): void {
  if (!document.hidden) return;
  if (ownTitle === null) {
    document.addEventListener('visibilitychange', restoreTitle);
    titleWatcher ??= new MutationObserver(keepNewsInFront);
    titleWatcher.observe(document.head, { childList: true, subtree: true, characterData: true });
  }
  ownTitle = pageTitle();
  news = title;
  document.title = withNews(ownTitle);
  if (!loadNotifyPreference(app)) return;
  playTone();
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted') new Notification(title, { body, tag: `e-konsultant-${app}` });
}
