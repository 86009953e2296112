/**
 * The desk's schedule as it applies now: the configured weekly hours, service period and holidays,
 * plus what the office changes while running — dated exceptions and the manual pause — which are
 * stored in the database, so a change applies at once on every instance.
 */
import * as z from 'zod';
import { Temporal } from 'temporal-polyfill';
import { UI_LANGUAGES, type UiLanguage } from '../../shared/languages';
import type { ScheduleStatus, WeeklyInterval } from '../../shared/protocol';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { AppError } from '../errors';
import { ownHolidaysOnly, polishHolidays, type HolidayCalendar } from './holidays';
import { ScheduleRepository } from './repository';
import { scheduleStatus, type Pause } from './schedule';
import { formatTimeRanges, parseTimeRanges, type TimeRange } from './weekly-hours';

/** The parts of the schedule that come from config. */
export interface ScheduleSettings {
  timeZone: string;
  hours: readonly WeeklyInterval[];
  lastEntryMinutes: number;
  serviceStart: string | null;
  serviceEnd: string | null;
  /** Languages the desk offers: a pause needs a message in each. */
  languages: readonly UiLanguage[];
}

export const PAUSE_MESSAGE_MAX_LENGTH = 500;

export interface ScheduleException {
  date: string;
  /** Empty: closed all day. */
  hours: TimeRange[];
}

const storedMessages = z.partialRecord(z.enum(UI_LANGUAGES), z.string());

/** The exceptions the status reads: from yesterday (an opening may run past midnight) on. */
const EXCEPTION_WINDOW_DAYS = 400;

export class ScheduleService {
  constructor(
    private readonly repository: ScheduleRepository,
    private readonly settings: ScheduleSettings,
    private readonly holidays: HolidayCalendar,
    private readonly clock: Clock,
  ) {}

  async status(deskId: string): Promise<ScheduleStatus> {
    const now = this.clock.now();
    const today = this.today(now);
    const [pause, exceptions] = await Promise.all([
      this.findPause(deskId),
      this.repository.listExceptions(deskId, today.subtract({ days: 1 }).toString(), today.add({ days: EXCEPTION_WINDOW_DAYS }).toString()),
    ]);
    return scheduleStatus(
      {
        ...this.settings,
        holidays: this.holidays,
        exceptions: new Map(exceptions.map((row) => [row.date, row.hours ? parseTimeRanges(row.hours) : []])),
        pause,
      },
      now,
    );
  }

  /** Refuses a new conversation whenever the schedule says no, the last minutes before closing included. */
  async assertAcceptingConversations(deskId: string): Promise<void> {
    if (!(await this.status(deskId)).open) throw new AppError('service_closed');
  }

  async findPause(deskId: string): Promise<Pause | null> {
    const row = await this.repository.findPause(deskId);
    if (!row) return null;
    const messages = storedMessages.safeParse(JSON.parse(row.messages));
    return { messages: messages.success ? messages.data : {}, since: row.paused_at };
  }

  /** Closes the desk to new conversations until `resume`, with a message in every desk language. */
  async pause(deskId: string, messages: Partial<Record<UiLanguage, string>>): Promise<Pause> {
    const cleaned: Partial<Record<UiLanguage, string>> = {};
    for (const language of UI_LANGUAGES) {
      const text = messages[language]?.trim();
      if (text) cleaned[language] = text;
    }
    const missing = this.settings.languages.filter((language) => !cleaned[language]);
    if (missing.length) throw new AppError('validation_failed', `message-${missing.join(', message-')}`);
    const tooLong = UI_LANGUAGES.filter((language) => (cleaned[language]?.length ?? 0) > PAUSE_MESSAGE_MAX_LENGTH);
    if (tooLong.length) throw new AppError('validation_failed', `message-${tooLong.join(', message-')}`);
    await this.repository.setPause(deskId, JSON.stringify(cleaned), this.clock.now());
    return (await this.findPause(deskId))!;
  }

  /** True if the desk was paused. */
  resume(deskId: string): Promise<boolean> {
    return this.repository.clearPause(deskId);
  }

  /** Sets a day's hours ("10:00-12:00,13:00-14:00"), or closes it ("closed"). Replaces an earlier one. */
  async setException(deskId: string, date: string, hours: string): Promise<ScheduleException> {
    const day = parseDate(date);
    let ranges: TimeRange[];
    try {
      ranges = hours.trim().toLowerCase() === 'closed' ? [] : parseTimeRanges(hours);
    } catch (error) {
      throw new AppError('validation_failed', `hours: ${(error as Error).message}`);
    }
    await this.repository.upsertException(deskId, day, formatTimeRanges(ranges), this.clock.now());
    return { date: day, hours: ranges };
  }

  /** True if there was an exception on that date. */
  removeException(deskId: string, date: string): Promise<boolean> {
    return this.repository.deleteException(deskId, parseDate(date));
  }

  /** Exceptions from today on (or all of them). */
  async listExceptions(deskId: string, options: { all?: boolean } = {}): Promise<ScheduleException[]> {
    const from = options.all ? null : this.today(this.clock.now()).toString();
    const rows = await this.repository.listExceptions(deskId, from);
    return rows.map((row) => ({ date: row.date, hours: row.hours ? parseTimeRanges(row.hours) : [] }));
  }

  private today(now: Date): Temporal.PlainDate {
    return Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(this.settings.timeZone).toPlainDate();
  }
}

function parseDate(date: string): string {
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error();
    return Temporal.PlainDate.from(date, { overflow: 'reject' }).toString();
  } catch {
    throw new AppError('validation_failed', 'date (YYYY-MM-DD)');
  }
}

/** The schedule of this instance's desk: config (weekly hours, service period, holidays) plus what is stored. */
export function createScheduleService(database: Database, config: Config, clock: Clock): ScheduleService {
  const corrections = { extra: config.schedule.holidaysExtra, removed: config.schedule.holidaysRemoved };
  const holidays = config.schedule.holidays === 'pl' ? polishHolidays(corrections) : ownHolidaysOnly(corrections);
  const settings = { ...config.schedule, timeZone: config.desk.timeZone, hours: config.desk.hours, languages: config.desk.languages };
  return new ScheduleService(new ScheduleRepository(database.db), settings, holidays, clock);
}
