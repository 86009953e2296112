/**
 * The e-mails about a booking, in its language: booked, moved, cancelled (each with a calendar
 * file), the reminders the day and the hour before, and the follow-up of a missed call. Each gives
 * the time in the office's time zone and in the visitor's own, the kind of call and the topic; the
 * subject says only what happened (no name, no time, no topic).
 */
import { isUiLanguage, type UiLanguage } from '../../shared/languages';
import { translator } from '../i18n';
import { composeMail, type MailBlock } from '../mail/compose';
import type { Mail } from '../mail/mailer';
import { bookingCalendar } from './calendar';
import type { Booking } from './types';

export type BookingMailKind = 'booked' | 'moved' | 'cancelled' | 'reminderDay' | 'reminderHour' | 'missed';

/** The mails that change the booking carry the calendar file that changes the visitor's event. */
const CHANGES: ReadonlySet<BookingMailKind> = new Set(['booked', 'moved', 'cancelled']);

export interface BookingMailContext {
  deskName: string;
  /** The booking's topic as the office names it in the mail's language. */
  topicName: string;
  officeTimeZone: string;
  /**
   * The private link `/booking?lang=…#<token>` (known only while the visitor is using it or a
   * reminder mints one: it is never stored); for a missed call, the page to book another.
   */
  link: string;
  /** A missed call's follow-up: the next free time in the booking's language, if any. */
  nextFree?: string | null;
  /** From MAIL_FROM: the calendar event's organizer. */
  sender: string;
  joinEarlyMinutes: number;
}

/** "Monday, 30 March 2026, 11:00 (Europe/Warsaw)": the zone's id, which every reader can look up. */
export function formatBookingTime(iso: string, language: UiLanguage, timeZone: string): string {
  const text = new Intl.DateTimeFormat(language, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
  return `${text} (${timeZone})`;
}

export function bookingMailLanguage(booking: Pick<Booking, 'language'>): UiLanguage {
  return isUiLanguage(booking.language) ? booking.language : 'en';
}

export function bookingMail(kind: BookingMailKind, booking: Booking, context: BookingMailContext): Mail {
  const language = bookingMailLanguage(booking);
  const t = translator(language, 'mail');
  const callKind = t(`booking.kinds.${booking.call_kind}`);
  const blocks: MailBlock[] = [
    { kind: 'heading', text: t(`booking.${kind}.heading`) },
    { kind: 'paragraph', text: t(`booking.${kind}.body`, { kind: callKind }) },
    { kind: 'field', label: t('booking.officeTime'), value: formatBookingTime(booking.starts_at, language, context.officeTimeZone) },
    { kind: 'field', label: t('booking.yourTime'), value: formatBookingTime(booking.starts_at, language, booking.visitor_time_zone) },
    { kind: 'field', label: t('booking.kind'), value: callKind },
    { kind: 'field', label: t('booking.topic'), value: context.topicName },
  ];
  if (kind === 'missed') {
    if (context.nextFree) blocks.push({ kind: 'field', label: t('booking.missed.nextFree'), value: formatBookingTime(context.nextFree, language, booking.visitor_time_zone) });
    blocks.push({ kind: 'link', label: t('booking.missed.link'), url: context.link });
  } else if (kind !== 'cancelled') {
    blocks.push(
      { kind: 'link', label: t('booking.link'), url: context.link },
      { kind: 'paragraph', text: t(CHANGES.has(kind) ? 'booking.join' : 'booking.joinReminder', { minutes: context.joinEarlyMinutes }) },
      { kind: 'paragraph', text: t('booking.private') },
    );
  }
  const content = { to: booking.email, language, subject: t(`booking.${kind}.subject`), blocks, deskName: context.deskName };
  if (!CHANGES.has(kind)) return composeMail(content);
  const calendar = bookingCalendar(booking, {
    title: t('booking.calendarTitle', { desk: context.deskName }),
    description: `${callKind} — ${context.topicName}`,
    url: context.link,
    organizer: { name: context.deskName, email: senderAddress(context.sender) },
  });
  const method = booking.status === 'cancelled' ? 'CANCEL' : 'REQUEST';
  return composeMail({
    ...content,
    attachments: [{ filename: 'e-konsultant.ics', content: calendar, contentType: `text/calendar; charset=utf-8; method=${method}` }],
  });
}

/** The address in "Name <address>" (or the whole text when it is a bare address). */
function senderAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}
