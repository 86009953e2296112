/**
 * Dates and times through Intl, in the reader's language and in a chosen IANA time zone. Always a
 * 24-hour clock, like the office hours the desk publishes ("11:00–14:00").
 */

export function viewerTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Just the time when the instant falls today (in `timeZone`, default the viewer's), else date and
 * time; `withZone` adds the zone's short name as the language writes it ("14:05 Ukraine Time").
 */
export function formatTimeOrDate(iso: string, locale: string, timeZone?: string, now: Date = new Date(), withZone = false): string {
  const at = new Date(iso);
  const day = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(date);
  const sameDay = day(at) === day(now);
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
    ...(withZone && { timeZoneName: 'shortGeneric' }),
  }).format(at);
}

/**
 * An instant in the viewer's own time, naming their zone where their clock shows another time than
 * the office's: the office (and the transcript) count in office time, so a bare "14:05" would be
 * ambiguous. Where both clocks agree (the same zone, or a neighbour's with the same time) it stays bare.
 */
export function formatOwnTime(iso: string, locale: string, officeTimeZone: string, now: Date = new Date(), ownTimeZone: string = viewerTimeZone()): string {
  const own = formatTimeOrDate(iso, locale, ownTimeZone, now);
  return own === formatTimeOrDate(iso, locale, officeTimeZone, now) ? own : formatTimeOrDate(iso, locale, ownTimeZone, now, true);
}

/** Weekday, date and time of an instant as seen in `timeZone`, e.g. "Monday, 3 March, 11:00". */
export function formatInstant(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** A readable zone name such as "Central European Time", falling back to the IANA id. */
export function timeZoneName(timeZone: string, locale: string, at: Date = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(at);
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** A language's name in `displayLanguage`, capitalised, e.g. "Ukraiński" for `uk` on a Polish console. */
export function languageName(code: string, displayLanguage: string): string {
  try {
    const name = new Intl.DisplayNames([displayLanguage], { type: 'language' }).of(code) ?? code;
    return name.charAt(0).toLocaleUpperCase(displayLanguage) + name.slice(1);
  } catch {
    return code;
  }
}

/** A language's name written in that language, e.g. "Українська" for uk. */
export function nativeLanguageName(language: string): string {
  return languageName(language, language);
}
