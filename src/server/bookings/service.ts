/**
 * Booked calls: the free slots, booking, moving and cancelling through the visitor's private link
 * (with an e-mail and a calendar file each time), reminders before the call and a follow-up when
 * nobody came, joining the call at its time, and the console's agenda. The private link's token
 * (256 bits) is stored only as its SHA-256.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import type { UiLanguage } from '../../shared/languages';
import type {
  AgendaEntry,
  AgendaStatus,
  BookingSlot,
  CreateBookingRequest,
  MoveBookingRequest,
  VisitorBooking,
} from '../../shared/protocol';
import type { Clock } from '../clock';
import { isTimeZone, type Config } from '../config';
import type { Conversation } from '../conversations/types';
import type { ConversationService } from '../conversations/service';
import type { Database } from '../db/database';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import type { MailOutbox, StoredMail } from '../mail/outbox';
import type { OfficeService } from '../office/service';
import { bookingFact, closedVisitNextFacts, type ReportFact } from '../reports/facts';
import type { ReportService } from '../reports/service';
import type { ScheduleService } from '../schedule/service';
import type { StaffService } from '../staff/service';
import type { TopicService } from '../topics/service';
import { hashToken, newSecretToken } from '../tokens';
import { repeatEvery } from '../periodic';
import { placesLeft, slotCapacity, type SlotCapacity } from './capacity';
import { bookingMail, bookingMailLanguage, type BookingMailKind } from './mail';
import { dueReminder, type BookingReminder } from './reminders';
import { isUniqueViolation } from '../db/unique-violation';
import { BookingRepository, type AlsoStore } from './repository';
import { bookableSlots, findSlot, stillOpenFor, type Slot, type SlotSettings } from './slots';
import type { AgendaBooking, Booking } from './types';

/** "Join the call" is offered from this many minutes before the booked time. */
export const JOIN_EARLY_MINUTES = 5;

const REMINDER_MAIL: Record<BookingReminder, BookingMailKind> = { day: 'reminderDay', hour: 'reminderHour', missed: 'missed' };
/**
 * The changes whose mail is why the visitor makes them (the time in their calendar): refused with
 * the address at its daily cap. A cancel or a reminder goes on without its mail (MailOutbox.store).
 */
const ASKED_FOR_BY_MAIL: ReadonlySet<BookingMailKind> = new Set(['booked', 'moved']);

export interface BookingSettings extends SlotSettings {
  /** BOOKING_SLOTS_PER_PERIOD: bookings one slot takes at most. */
  perSlot: number;
  /** The site's origin, for the private link in e-mails. */
  publicUrl: string;
  /** MAIL_FROM, the calendar event's organizer. */
  mailFrom: string;
  /** BOOKING_REMINDER_SWEEP_SECONDS. */
  reminderSweepSeconds: number;
  /** BOOKING_MOVES_MAX: moves of one booking (each sends a mail); cancelling stays possible. */
  movesMax: number;
  /** BOOKINGS_PER_EMAIL, BOOKINGS_PER_IP: live bookings one address or client network holds at once. */
  perEmail: number;
  perClient: number;
}

interface OfferedSlot extends Slot {
  placesLeft: number;
}

const iso = (instant: Temporal.Instant) => new Date(instant.epochMilliseconds).toISOString();

export class BookingService {
  constructor(
    private readonly repository: BookingRepository,
    private readonly schedule: Pick<ScheduleService, 'rulesAt'>,
    private readonly conversations: Pick<ConversationService, 'start' | 'reissueVisitorToken'>,
    private readonly mail: Pick<MailOutbox, 'store' | 'startSending' | 'enabled'>,
    private readonly topics: Pick<TopicService, 'assertOffered' | 'name'>,
    private readonly staff: Pick<StaffService, 'activeLanguages'>,
    private readonly office: Pick<OfficeService, 'name'>,
    private readonly clock: Clock,
    private readonly settings: BookingSettings,
    private readonly reports: Pick<ReportService, 'recordInTransaction'>,
    private readonly log: Pick<FastifyBaseLogger, 'warn'>,
  ) {}

  /** The slots that still take a booking in `language`. */
  async freeSlots(desk: Desk, language: UiLanguage): Promise<BookingSlot[]> {
    assertLanguageOffered(desk, language);
    const slots = await this.offeredSlots(desk, language);
    return slots
      .filter((slot) => slot.placesLeft > 0)
      .map((slot) => ({ startsAt: iso(slot.startsAt), endsAt: iso(slot.endsAt), placesLeft: slot.placesLeft }));
  }

  /** `clientKey`: the booking client's network, hashed (bookingClientKey). */
  async book(desk: Desk, request: CreateBookingRequest, clientKey: string): Promise<{ token: string; booking: Booking }> {
    assertLanguageOffered(desk, request.language);
    await this.topics.assertOffered(desk.id, request.topic);
    const timeZone = checkedTimeZone(request.timeZone);
    const { slot, capacity } = await this.requestedSlot(desk, request.language, request.startsAt);
    // With mail on, the address is what BOOKINGS_PER_EMAIL counts and how the visitor hears of the
    // booking: required here, not only by the form, so an API client cannot leave it out.
    const email = this.mail.enabled ? request.email?.trim() ?? '' : '';
    if (this.mail.enabled && email === '') throw new AppError('validation_failed', 'email');
    const token = newSecretToken();
    const now = this.clock.now().toISOString();
    const booking: Booking = {
      id: randomUUID(),
      desk_id: desk.id,
      token_hash: hashToken(token),
      language: request.language,
      topic: request.topic,
      call_kind: request.callKind,
      // `bookings.email` is NOT NULL: no address (none given, or no e-mail sent at all) is ''.
      email,
      email_key: email === '' ? null : email.toLowerCase(),
      client_key: clientKey,
      visitor_time_zone: timeZone,
      starts_at: iso(slot.startsAt),
      ends_at: iso(slot.endsAt),
      status: 'booked',
      sequence: 0,
      conversation_id: null,
      created_at: now,
      updated_at: now,
      reminded_day_at: null,
      reminded_hour_at: null,
      followed_up_at: null,
    };
    const placed = await this.withMail(
      'booked', desk, this.bookingLink(booking, token), booking,
      (alsoStore) => this.repository.insertIfPlace(booking, capacity, { perEmail: this.settings.perEmail, perClient: this.settings.perClient, now }, alsoStore),
      (booked) => [bookingFact('booking_made', booked), ...closedVisitNextFacts(request, desk.id, now, 'booked')],
    );
    if (placed === 'full') throw new AppError('slot_full');
    if (placed === 'holder_at_limit') throw new AppError('booking_limit_reached');
    return { token, booking };
  }

  async findByToken(token: string): Promise<Booking> {
    const booking = await this.repository.findByTokenHash(hashToken(token));
    if (!booking) throw new AppError('booking_not_found');
    return booking;
  }

  /** The visitor deletes their booking (cancelled or not) from its private page: nothing of it is kept, no mail is sent. */
  async eraseByToken(token: string): Promise<void> {
    await this.erase([(await this.findByToken(token)).id]);
  }

  /** Deletes bookings outright (the visitor's own, or an admin's erasure): a live one frees its place. */
  erase(bookingIds: readonly string[]): Promise<number> {
    return this.repository.eraseMany(bookingIds);
  }

  async move(desk: Desk, token: string, request: MoveBookingRequest): Promise<Booking> {
    const booking = await this.liveBooking(token);
    // Each move mails the booking's address; `sequence` counts the moves of a live booking, and of
    // two moves read at the same sequence only one passes the repository's `starts_at` condition.
    if (booking.sequence >= this.settings.movesMax) throw new AppError('booking_change_limit');
    const timeZone = checkedTimeZone(request.timeZone);
    const { slot, capacity } = await this.requestedSlot(desk, booking.language as UiLanguage, request.startsAt);
    if (iso(slot.startsAt) === booking.starts_at) throw new AppError('slot_unavailable', 'the booking is already at that time');
    const to = { startsAt: iso(slot.startsAt), endsAt: iso(slot.endsAt), visitorTimeZone: timeZone, at: this.clock.now() };
    const result = await this.withMail(
      'moved', desk, this.bookingLink(booking, token), booking,
      (alsoStore) => this.repository.moveIfPlace(booking, to, capacity, alsoStore),
      // The count moves with the booking from its old slot's day to its new one.
      (moved) => [bookingFact('booking_made', booking, -1), bookingFact('booking_made', moved)],
    );
    if (result === 'full') throw new AppError('slot_full');
    if (result === 'not_live') throw new AppError('booking_cancelled');
    return this.findByToken(token);
  }

  async cancel(desk: Desk, token: string): Promise<Booking> {
    const booking = await this.liveBooking(token);
    const cancelled = await this.withMail(
      'cancelled', desk, this.bookingLink(booking, token), booking,
      (alsoStore) => this.repository.cancelIfBooked(booking.id, this.clock.now(), alsoStore),
      (done) => [bookingFact('booking_cancelled', done)],
    );
    if (!cancelled) throw new AppError('booking_cancelled');
    return this.findByToken(token);
  }

  /**
   * Starts the booked call's conversation, or gives a new key to the one the visitor started
   * before (another device, a lost tab). Only from a few minutes before the time until its end.
   * The database keeps one open conversation per booking: of two joins at once, the second gets a
   * new key to the first one's conversation (which makes the first key stop working, as any rejoin does).
   */
  async join(
    desk: Desk,
    token: string,
    /** SHA-256 of the joining client's network, so a block made from the call's conversation matches it. */
    networkHash: string | null = null,
  ): Promise<{ token: string; conversation: Conversation }> {
    const booking = await this.liveBooking(token);
    const now = this.clock.now().getTime();
    if (now < joinFrom(booking).epochMilliseconds || now >= Date.parse(booking.ends_at)) throw new AppError('booking_not_joinable');
    // Not the desk's status now: the visitor may come a few minutes before opening, and the
    // last-entry rule does not apply to bookings. Only a pause or a change of hours stops the call.
    const rules = await this.schedule.rulesAt(desk.id, this.clock.now());
    if (!stillOpenFor(rules, Temporal.Instant.from(booking.starts_at), Temporal.Instant.from(booking.ends_at))) {
      throw new AppError('service_closed');
    }
    const open = await this.repository.openConversationId(booking.id);
    if (open) return this.conversations.reissueVisitorToken(open);
    let started: { token: string; conversation: Conversation };
    try {
      started = await this.conversations.start(
        desk,
        { language: booking.language as UiLanguage, topic: booking.topic, privacyAccepted: true },
        { bookingId: booking.id, callKind: booking.call_kind },
        networkHash,
      );
    } catch (error) {
      const startedMeanwhile = isUniqueViolation(error) ? await this.repository.openConversationId(booking.id) : undefined;
      if (!startedMeanwhile) throw error;
      return this.conversations.reissueVisitorToken(startedMeanwhile);
    }
    await this.repository.linkConversation(booking.id, started.conversation.id, this.clock.now(), (trx, joined) =>
      this.reports.recordInTransaction(trx, bookingFact('booking_attended', joined)),
    );
    return started;
  }

  /** The bookings of one office day (YYYY-MM-DD in the office's time zone), cancelled ones too. */
  async agenda(desk: Desk, date: string): Promise<AgendaEntry[]> {
    const day = calendarDate(date);
    const from = day.toZonedDateTime({ timeZone: desk.timeZone }).toInstant();
    const to = day.add({ days: 1 }).toZonedDateTime({ timeZone: desk.timeZone }).toInstant();
    const rows = await this.repository.agenda(desk.id, iso(from), iso(to));
    const now = this.clock.now().toISOString();
    return rows.map((row) => ({
      id: row.id,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      language: row.language as UiLanguage,
      topic: row.topic,
      callKind: row.call_kind,
      status: agendaStatus(row, now),
      conversationId: row.conversation_id,
    }));
  }

  /** Today in the office's time zone, YYYY-MM-DD. */
  today(desk: Desk): string {
    return Temporal.Instant.fromEpochMilliseconds(this.clock.now().getTime()).toZonedDateTimeISO(desk.timeZone).toPlainDate().toString();
  }

  toVisitorView(booking: Booking, desk: Desk): VisitorBooking {
    return {
      status: booking.status,
      language: booking.language as UiLanguage,
      topic: booking.topic,
      callKind: booking.call_kind,
      startsAt: booking.starts_at,
      endsAt: booking.ends_at,
      officeTimeZone: desk.timeZone,
      joinFrom: iso(joinFrom(booking)),
    };
  }

  /**
   * Sends the reminders and missed-call follow-ups that are due (reminders.ts). Every instance
   * sweeps; each mail is claimed by one conditional update in the transaction that stores it, so
   * it goes once. With mail off nothing is claimed. Tests call it after moving the clock.
   */
  async sendReminders(desk: Desk): Promise<void> {
    if (!this.mail.enabled) return;
    const now = this.clock.now();
    for (const booking of await this.repository.remindable(desk.id, now)) {
      const due = dueReminder(booking, now);
      if (!due) continue;
      // One booking whose mail cannot be made (a topic gone, a database hiccup) must not keep the others' from going.
      try {
        await this.remind(desk, booking, due);
      } catch (error) {
        this.log.warn({ err: error, bookingId: booking.id, due }, 'booking reminder failed');
      }
    }
  }

  startReminders(desk: Desk, onError: (error: unknown) => void): () => Promise<void> {
    return repeatEvery(this.settings.reminderSweepSeconds * 1000, () => this.sendReminders(desk), onError);
  }

  private async remind(desk: Desk, booking: Booking, due: BookingReminder): Promise<void> {
    const language = bookingMailLanguage(booking);
    // A reminder carries a new private link (the first one's token is not stored); the follow-up
    // leads to the booking form, in the booking's language.
    const token = due === 'missed' ? null : newSecretToken();
    const nextFree = due === 'missed' ? await this.nextFreeSlot(desk, language) : null;
    await this.withMail(
      REMINDER_MAIL[due], desk, token === null ? { url: `${this.settings.publicUrl}/?lang=${language}` } : this.bookingLink(booking, token), booking,
      async (alsoStore) => this.repository.claimReminder(booking, due, this.clock.now(), async (trx, claimed) => {
        if (token !== null) await this.repository.addLink(trx, booking.id, hashToken(token), this.clock.now());
        await alsoStore(trx, claimed);
      }),
      () => [],
      nextFree,
    );
  }

  /** The first time a visitor could book again in `language` (none if the desk no longer offers it). */
  private async nextFreeSlot(desk: Desk, language: UiLanguage): Promise<string | null> {
    if (!desk.languages.includes(language)) return null;
    return (await this.freeSlots(desk, language))[0]?.startsAt ?? null;
  }

  /** The booking's private link; its token is sealed in the outbox, never stored in the mail's text. */
  private bookingLink(booking: Pick<Booking, 'language'>, token: string): MailLink {
    // ?lang opens the page in the booking's language whatever the browser prefers.
    return { url: `${this.settings.publicUrl}/booking?lang=${booking.language}#${token}`, token };
  }

  private async offeredSlots(desk: Desk, language: string): Promise<OfferedSlot[]> {
    const now = this.clock.now();
    const slots = bookableSlots(await this.schedule.rulesAt(desk.id, now), now, this.settings);
    if (slots.length === 0) return [];
    const capacity = await this.capacity(desk, language);
    const usage = await this.repository.usage(desk.id, language, iso(slots[0]!.startsAt), iso(slots.at(-1)!.endsAt));
    return slots.map((slot) => ({ ...slot, placesLeft: placesLeft(capacity, usage.get(iso(slot.startsAt)) ?? { total: 0, inLanguage: 0 }) }));
  }

  private async capacity(desk: Desk, language: string): Promise<SlotCapacity> {
    return slotCapacity(this.settings.perSlot, await this.staff.activeLanguages(desk.id), language);
  }

  /** The bookable slot starting at `startsAt` and its capacity; slot_unavailable for any other time. */
  private async requestedSlot(desk: Desk, language: string, startsAt: string): Promise<{ slot: Slot; capacity: SlotCapacity }> {
    const now = this.clock.now();
    const slots = bookableSlots(await this.schedule.rulesAt(desk.id, now), now, this.settings);
    const slot = findSlot(slots, Temporal.Instant.from(startsAt));
    if (!slot) throw new AppError('slot_unavailable');
    return { slot, capacity: await this.capacity(desk, language) };
  }

  private async liveBooking(token: string): Promise<Booking> {
    const booking = await this.findByToken(token);
    if (booking.status === 'cancelled') throw new AppError('booking_cancelled');
    return booking;
  }

  /**
   * Runs a write of the booking with its e-mail stored in the same transaction (both or neither),
   * then starts sending the mail; `write` hands `alsoStore` to the repository. The topic's name
   * is read before the transaction, which holds SQLite's only connection.
   */
  private async withMail<Result>(
    kind: BookingMailKind,
    desk: Desk,
    link: MailLink,
    about: Pick<Booking, 'topic' | 'language'>,
    write: (alsoStore: AlsoStore) => Promise<Result>,
    /** The report counters of the written booking, stored in the same transaction. */
    counted: (booking: Booking) => ReportFact[],
    nextFree: string | null = null,
  ): Promise<Result> {
    const language = bookingMailLanguage(about);
    const [topicName, deskName] = await Promise.all([this.topics.name(desk.id, about.topic, language), this.office.name(desk.id, language)]);
    let stored: StoredMail | undefined;
    const result = await write(async (trx, booking) => {
      await this.reports.recordInTransaction(trx, counted(booking));
      if (booking.email === '') return; // the private link is their way back
      const mail = bookingMail(kind, booking, {
        deskName,
        topicName,
        officeTimeZone: desk.timeZone,
        link: link.url,
        nextFree,
        sender: this.settings.mailFrom,
        joinEarlyMinutes: JOIN_EARLY_MINUTES,
      });
      stored = await this.mail.store({ kind: `booking-${kind}`, deskId: desk.id, mail, secret: link.token, overCap: ASKED_FOR_BY_MAIL.has(kind) ? 'refuse' : 'skip' }, trx);
    });
    this.mail.startSending(stored);
    return result;
  }
}

/** A link a booking mail carries, and the secret token in it if any. */
interface MailLink {
  url: string;
  token?: string;
}

function joinFrom(booking: Pick<Booking, 'starts_at'>): Temporal.Instant {
  return Temporal.Instant.from(booking.starts_at).subtract({ minutes: JOIN_EARLY_MINUTES });
}

function agendaStatus(row: AgendaBooking, now: string): AgendaStatus {
  if (row.status === 'cancelled') return 'cancelled';
  switch (row.conversation_status) {
    case 'waiting':
      return 'waiting';
    case 'active':
      return 'in_progress';
    case 'closed':
      return 'done';
    default:
      return now >= row.ends_at ? 'missed' : 'booked';
  }
}

function assertLanguageOffered(desk: Desk, language: string): void {
  if (!desk.languages.includes(language as UiLanguage)) throw new AppError('validation_failed', 'language');
}

function calendarDate(date: string): Temporal.PlainDate {
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error();
    return Temporal.PlainDate.from(date, { overflow: 'reject' });
  } catch {
    throw new AppError('validation_failed', 'date (YYYY-MM-DD)');
  }
}

function checkedTimeZone(zone: string): string {
  if (!isTimeZone(zone)) throw new AppError('validation_failed', 'timeZone');
  return zone;
}

export function createBookingService(
  database: Database,
  config: Config,
  clock: Clock,
  dependencies: {
    schedule: ScheduleService;
    conversations: ConversationService;
    mail: Pick<MailOutbox, 'store' | 'startSending' | 'enabled'>;
    topics: Pick<TopicService, 'assertOffered' | 'name'>;
    staff: Pick<StaffService, 'activeLanguages'>;
    office: Pick<OfficeService, 'name'>;
    reports: Pick<ReportService, 'recordInTransaction'>;
    log: Pick<FastifyBaseLogger, 'warn'>;
  },
): BookingService {
  const { schedule, conversations, mail, topics, staff, office, reports, log } = dependencies;
  return new BookingService(new BookingRepository(database.db), schedule, conversations, mail, topics, staff, office, clock, {
    ...config.booking,
    publicUrl: config.publicUrl,
    mailFrom: config.mail.from,
  }, reports, log);
}
