/**
 * The desk's schedule as it applies now: the holidays from config, plus what the office changes
 * while running — weekly hours and service period (config until first saved in /admin), dated
 * exceptions and the manual pause — which are stored in the database and read on every status,
 * so a change applies at once on every instance.
 */
import * as z from 'zod';
import { Temporal } from 'temporal-polyfill';
import { UI_LANGUAGES, type UiLanguage } from '../../shared/languages';
import type { ScheduleStatus, WeeklyInterval } from '../../shared/protocol';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { AppError } from '../errors';
import { ownHolidaysOnly, polishHolidays, type HolidayCalendar } from './holidays';
import { ScheduleRepository } from './repository';
import { scheduleStatus, type Pause, type ScheduleRules } from './schedule';
import { formatTimeRanges, formatWeeklyHours, parseTimeRanges, parseWeeklyHours, type TimeRange } from './weekly-hours';

/** The parts of the schedule that come from config (hours and service period: the defaults). */
export interface ScheduleSettings {
  timeZone: string;
  hours: readonly WeeklyInterval[];
  lastEntryMinutes: number;
  serviceStart: string | null;
  serviceEnd: string | null;
  /** Languages the desk offers: a pause needs a message in each. */
  languages: readonly UiLanguage[];
}

/** What /admin may change of the config's schedule; stored, it replaces OFFICE_HOURS and SERVICE_START/END. */
export type WeeklySettings = Pick<ScheduleSettings, 'hours' | 'serviceStart' | 'serviceEnd'>;

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
    private readonly audit: Pick<AuditLog, 'record'>,
  ) {}

  async status(deskId: string): Promise<ScheduleStatus> {
    const now = this.clock.now();
    return scheduleStatus(await this.rulesAt(deskId, now), now);
  }

  /** Everything that decides the hours — config and what is stored — as of `now`. */
  async rulesAt(deskId: string, now: Date): Promise<ScheduleRules> {
    const today = this.today(now);
    const [weekly, pause, exceptions] = await Promise.all([
      this.weeklySettings(deskId),
      this.findPause(deskId),
      this.repository.listExceptions(deskId, today.subtract({ days: 1 }).toString(), today.add({ days: EXCEPTION_WINDOW_DAYS }).toString()),
    ]);
    return {
      ...this.settings,
      ...weekly,
      holidays: this.holidays,
      exceptions: new Map(exceptions.map((row) => [row.date, row.hours ? parseTimeRanges(row.hours) : []])),
      pause,
    };
  }

  /** The weekly hours and service period: as saved in /admin, else as configured. */
  async weeklySettings(deskId: string): Promise<WeeklySettings> {
    const row = await this.repository.findSettings(deskId);
    if (!row) return { hours: this.settings.hours, serviceStart: this.settings.serviceStart, serviceEnd: this.settings.serviceEnd };
    return { hours: parseWeeklyHours(row.weekly_hours), serviceStart: row.service_start, serviceEnd: row.service_end };
  }

  /**
   * Replaces the weekly hours and service period; from now on they, not the config, apply. Each
   * change made by an `admin` in /admin is audited as 'schedule.changed' (the command line passes none).
   */
  async updateWeeklySettings(deskId: string, update: WeeklySettings, admin?: AuditActor): Promise<WeeklySettings> {
    let weeklyHours: string;
    try {
      weeklyHours = formatWeeklyHours(update.hours);
      parseWeeklyHours(weeklyHours);
    } catch (error) {
      throw new AppError('validation_failed', `hours: ${(error as Error).message}`);
    }
    const serviceStart = update.serviceStart === null ? null : parseDate(update.serviceStart, 'serviceStart');
    const serviceEnd = update.serviceEnd === null ? null : parseDate(update.serviceEnd, 'serviceEnd');
    if (serviceStart && serviceEnd && serviceEnd < serviceStart) throw new AppError('validation_failed', 'serviceEnd (before serviceStart)');
    await this.repository.saveSettings({
      desk_id: deskId,
      weekly_hours: weeklyHours,
      service_start: serviceStart,
      service_end: serviceEnd,
      updated_at: this.clock.now().toISOString(),
    });
    const saved = await this.weeklySettings(deskId);
    await this.recordChange(deskId, admin, 'weekly_hours', { hours: saved.hours.length, serviceStart: saved.serviceStart, serviceEnd: saved.serviceEnd });
    return saved;
  }

  async findPause(deskId: string): Promise<Pause | null> {
    const row = await this.repository.findPause(deskId);
    if (!row) return null;
    const messages = storedMessages.safeParse(JSON.parse(row.messages));
    return { messages: messages.success ? messages.data : {}, since: row.paused_at };
  }

  /** Closes the desk to new conversations until `resume`, with a message in every desk language. */
  async pause(deskId: string, messages: Partial<Record<UiLanguage, string>>, admin?: AuditActor): Promise<Pause> {
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
    const pause = (await this.findPause(deskId))!;
    await this.recordChange(deskId, admin, 'pause', { paused: true, languages: Object.keys(pause.messages) });
    return pause;
  }

  /** True if the desk was paused. */
  async resume(deskId: string, admin?: AuditActor): Promise<boolean> {
    const resumed = await this.repository.clearPause(deskId);
    if (resumed) await this.recordChange(deskId, admin, 'pause', { paused: false });
    return resumed;
  }

  /** Sets a day's hours ("10:00-12:00,13:00-14:00"), or closes it ("closed"). Replaces an earlier one. */
  async setException(deskId: string, date: string, hours: string, admin?: AuditActor): Promise<ScheduleException> {
    const day = parseDate(date);
    let ranges: TimeRange[];
    try {
      ranges = hours.trim().toLowerCase() === 'closed' ? [] : parseTimeRanges(hours);
    } catch (error) {
      throw new AppError('validation_failed', `hours: ${(error as Error).message}`);
    }
    await this.repository.upsertException(deskId, day, formatTimeRanges(ranges), this.clock.now());
    await this.recordChange(deskId, admin, 'exception', { date: day, hours: ranges.length ? formatTimeRanges(ranges) : 'closed' });
    return { date: day, hours: ranges };
  }

  /** True if there was an exception on that date. */
  async removeException(deskId: string, date: string, admin?: AuditActor): Promise<boolean> {
    const removed = await this.repository.deleteException(deskId, parseDate(date));
    if (removed) await this.recordChange(deskId, admin, 'exception', { date, removed: true });
    return removed;
  }

  /** Exceptions from today on (or all of them). */
  async listExceptions(deskId: string, options: { all?: boolean } = {}): Promise<ScheduleException[]> {
    const from = options.all ? null : this.today(this.clock.now()).toString();
    const rows = await this.repository.listExceptions(deskId, from);
    return rows.map((row) => ({ date: row.date, hours: row.hours ? parseTimeRanges(row.hours) : [] }));
  }

  private async recordChange(deskId: string, admin: AuditActor | undefined, change: string, detail: Record<string, unknown>): Promise<void> {
    if (!admin) return;
    await this.audit.record({ deskId, actor: admin, action: 'schedule.changed', target: { type: 'schedule', id: change }, detail });
  }

  private today(now: Date): Temporal.PlainDate {
    return Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(this.settings.timeZone).toPlainDate();
  }
}

function parseDate(date: string, field = 'date'): string {
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error();
    return Temporal.PlainDate.from(date, { overflow: 'reject' }).toString();
  } catch {
    throw new AppError('validation_failed', `${field} (YYYY-MM-DD)`);
  }
}

/** The schedule of this instance's desk: config (weekly hours, service period, holidays) plus what is stored. */
export function createScheduleService(database: Database, config: Config, clock: Clock, audit: Pick<AuditLog, 'record'>): ScheduleService {
  const corrections = { extra: config.schedule.holidaysExtra, removed: config.schedule.holidaysRemoved };
  const holidays = config.schedule.holidays === 'pl' ? polishHolidays(corrections) : ownHolidaysOnly(corrections);
  const settings = { ...config.schedule, timeZone: config.desk.timeZone, hours: config.desk.hours, languages: config.desk.languages };
  return new ScheduleService(new ScheduleRepository(database.db), settings, holidays, clock, audit);
}
