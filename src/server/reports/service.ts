/**
 * The reports domain: counts events into the aggregate store in the transaction of the service
 * that owns the event (`recordInTransaction`), and reads reports, CSV exports and today's live
 * figures from it. Other domains call it only through this service.
 */
import type { Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { ClosedVisitRequest, ClosedVisitResponse } from '../../shared/desk-protocol';
import { MEASURES, type Figure, type LiveFigures, type Report, type ReportQuery, type ReportTable } from '../../shared/wire/reports';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { DatabaseSchema } from '../db/schema';
import { AppError } from '../errors';
import { daysBefore } from '../retention/job';
import type { ScheduleService } from '../schedule/service';
import { toCsv } from './csv';
import { closedVisitFact, durationBucket, type ReportFact } from './facts';
import {
  bookingsTable,
  byGroupTable,
  callsTable,
  closedVisitsTable,
  heatmapTable,
  interpreterCallsTable,
  perConsultantTable,
  satisfactionTable,
  summaryTable,
  suppressSmallGroups,
  waitBucketsTable,
} from './figures';
import { LiveTables } from './live-tables';
import { ReportRepository, type CountRow, type SumFilter } from './repository';
import { dayRange, liveFacts, REBUILT_MEASURES } from './rebuild';
import { workingSecondsBetween } from './working-time';

export interface ReportServiceDeps {
  repository: ReportRepository;
  live: LiveTables;
  clock: Clock;
  /** The office's time zone: facts land on its days and hours. */
  timeZone: string;
  schedule: Pick<ScheduleService, 'rulesAt' | 'status'>;
  /** REPORT_MIN_GROUP: rows about fewer people are blanked in exports. */
  minGroupSize: number;
  /** RETENTION_DAYS (0: kept for ever): the live tables hold only the days after it. */
  retentionDays: number;
}

/** What a rebuild did: the days it recounted, and the first day it could (when the period asked began earlier). */
export interface RebuildResult {
  from: string;
  to: string;
  facts: number;
  /** The days before this one were kept as counted: retention has deleted their live data. */
  keptBefore: string | null;
}

const BOOKING_MEASURES = ['booking_made', 'booking_cancelled', 'booking_attended'] as const;
const GROUP_MEASURES = ['conversation_started', 'conversation_ended', 'left_message_received', ...BOOKING_MEASURES, 'closed_visit', 'closed_visit_next'];
const STAFF_MEASURES = ['conversation_ended', 'first_response', 'handling', 'satisfaction'];

export class ReportService {
  constructor(private readonly deps: ReportServiceDeps) {}

  /** Counts the facts in the caller's transaction: they are stored with the event or not at all. */
  recordInTransaction(trx: Transaction<DatabaseSchema>, facts: ReportFact | readonly ReportFact[]): Promise<void> {
    return this.deps.repository.add(trx, [facts].flat().map((fact) => this.countRow(fact)));
  }

  /** Counts facts of an event that writes nothing else (a start refused while closed). */
  record(facts: ReportFact | readonly ReportFact[]): Promise<void> {
    return this.deps.repository.transaction((trx) => this.recordInTransaction(trx, facts));
  }

  /**
   * A visitor page shown while the desk is closed: counted once per browser and office day (the
   * browser names the day it counted already), never while the desk is open.
   */
  async closedVisit(deskId: string, request: ClosedVisitRequest): Promise<ClosedVisitResponse> {
    const day = this.today();
    const status = await this.deps.schedule.status(deskId);
    if (status.open || request.counted === day) return { day, counted: false };
    await this.record(closedVisitFact(deskId, this.deps.clock.now(), request.language, status.reason));
    return { day, counted: true };
  }

  /** Seconds of the office's working hours between `from` and now (a left message's answer time). */
  async workingSecondsSince(deskId: string, from: string): Promise<number> {
    const now = this.deps.clock.now();
    return workingSecondsBetween(await this.deps.schedule.rulesAt(deskId, now), from, now);
  }

  /**
   * Replaces the counters of the period with what the live tables show (REBUILT_MEASURES), in one
   * transaction. Only for the days the live tables still cover: a day retention has emptied (even
   * partly) would be recounted from nothing, and its counters are the only record left, so an
   * earlier start is moved to the first whole day after the retention cutoff, and a period that
   * lies entirely before it is refused.
   */
  async rebuild(deskId: string, from: string, to: string): Promise<RebuildResult> {
    const firstDay = this.firstLiveDay();
    if (firstDay !== null && to < firstDay) {
      throw new AppError(
        'validation_failed',
        `${from} to ${to} lies before ${firstDay}: retention (RETENTION_DAYS=${this.deps.retentionDays}) has deleted the live data of those days, so their counters are kept as they were counted.`,
      );
    }
    const keptBefore = firstDay !== null && from < firstDay ? firstDay : null;
    const start = keptBefore ?? from;
    const rules = await this.deps.schedule.rulesAt(deskId, this.deps.clock.now());
    const range = dayRange(start, to, this.deps.timeZone);
    const facts = await liveFacts(this.deps.live, deskId, range, (begin, end) => workingSecondsBetween(rules, begin, end));
    await this.deps.repository.transaction(async (trx) => {
      await this.deps.repository.clear(trx, deskId, REBUILT_MEASURES, start, to);
      await this.recordInTransaction(trx, facts);
    });
    return { from: start, to, facts: facts.length, keptBefore };
  }

  /** The first office day retention has not touched: the one after the cutoff's day; null when nothing is deleted. */
  private firstLiveDay(): string | null {
    if (this.deps.retentionDays === 0) return null;
    return this.officeDay(daysBefore(this.deps.clock.now(), this.deps.retentionDays)).add({ days: 1 }).toString();
  }

  private countRow(fact: ReportFact): CountRow {
    const local = Temporal.Instant.from(new Date(fact.at).toISOString()).toZonedDateTimeISO(this.deps.timeZone);
    const bucket = fact.rating ?? (fact.seconds === undefined ? -1 : durationBucket(fact.seconds));
    return {
      desk_id: fact.deskId,
      day: local.toPlainDate().toString(),
      hour: local.hour,
      measure: fact.measure,
      language: fact.language ?? '',
      topic: fact.topic ?? '',
      channel: fact.channel ?? '',
      outcome: fact.outcome ?? '',
      staff_id: fact.staffId ?? '',
      bucket,
      count: fact.delta ?? 1,
      total: (fact.rating ?? fact.seconds ?? 0) * (fact.delta ?? 1),
    };
  }

  private officeDay(at: string): Temporal.PlainDate {
    return Temporal.Instant.from(at).toZonedDateTimeISO(this.deps.timeZone).toPlainDate();
  }

  private today(): string {
    return this.officeDay(this.deps.clock.now().toISOString()).toString();
  }

  /** `staffNames`: who each staff id is, for the per-consultant table. */
  async report(deskId: string, query: ReportQuery, staffNames: ReadonlyMap<string, string>): Promise<Report> {
    const filter = { deskId, from: query.from, to: query.to, language: query.language, topic: query.topic, channel: query.channel };
    const sums = (measures: readonly string[], by: Parameters<ReportRepository['sums']>[1], extra: Partial<SumFilter> = {}) =>
      this.deps.repository.sums({ ...filter, measures, ...extra }, by);
    const groupBy = query.groupBy ?? 'day';
    const groupColumn = groupBy === 'week' || groupBy === 'month' ? 'day' : groupBy;
    const [rules, overall, bookingsByDay, groups, heat, perStaff] = await Promise.all([
      this.deps.schedule.rulesAt(deskId, this.deps.clock.now()),
      sums(MEASURES, ['measure', 'outcome', 'channel', 'language', 'bucket']),
      sums(BOOKING_MEASURES, ['measure', 'language', 'day']),
      sums(GROUP_MEASURES, [groupColumn, 'measure', 'outcome', 'bucket']),
      sums(['conversation_started'], ['measure', 'day', 'hour']),
      sums(STAFF_MEASURES, ['staff_id', 'measure', 'outcome', 'bucket'], { perStaff: true }),
    ]);
    const today = this.today();
    const tables: ReportTable[] = [
      summaryTable(overall, bookingsByDay, today),
      byGroupTable(groups, groupBy),
      waitBucketsTable(overall),
      callsTable(overall),
      interpreterCallsTable(overall),
      bookingsTable(bookingsByDay, today),
      satisfactionTable(overall),
      heatmapTable(heat, rules.hours),
      perConsultantTable(perStaff, staffNames),
      closedVisitsTable(groups, groupBy),
    ];
    return { from: query.from, to: query.to, tables: query.suppress ? tables.map((table) => suppressSmallGroups(table, this.deps.minGroupSize)) : tables };
  }

  /** One figure as CSV, with small groups suppressed (it leaves the office). */
  async csv(deskId: string, query: ReportQuery, figure: Figure, staffNames: ReadonlyMap<string, string>): Promise<string> {
    const report = await this.report(deskId, { ...query, suppress: '1' }, staffNames);
    const table = report.tables.find((candidate) => candidate.figure === figure)!;
    return toCsv(table.columns, table.rows);
  }

  /** Today so far: the queue from the live tables, served and given up from the store. */
  async liveFigures(deskId: string): Promise<LiveFigures> {
    const today = this.today();
    const [queue, ended] = await Promise.all([
      this.deps.live.queue(deskId),
      this.deps.repository.sums({ deskId, from: today, to: today, measures: ['conversation_ended'] }, ['outcome']),
    ]);
    const now = this.deps.clock.now().getTime();
    const ofOutcome = (outcome: string) => ended.find((row) => row.outcome === outcome)?.count ?? 0;
    return {
      waitingNow: queue.waiting,
      longestWaitSeconds: queue.oldestWaitingSince ? Math.max(0, Math.round((now - Date.parse(queue.oldestWaitingSince)) / 1000)) : null,
      servedToday: ofOutcome('served'),
      givenUpToday: ofOutcome('given_up'),
    };
  }
}


/** The service over the app's database (the module, and the admin CLI's rebuild). */
export function createReportService(
  database: Database,
  config: Pick<Config, 'reportMinGroup' | 'retentionDays'>,
  clock: Clock,
  timeZone: string,
  schedule: Pick<ScheduleService, 'rulesAt' | 'status'>,
): ReportService {
  return new ReportService({
    repository: new ReportRepository(database.db),
    live: new LiveTables(database.db),
    clock,
    timeZone,
    schedule,
    minGroupSize: config.reportMinGroup,
    retentionDays: config.retentionDays,
  });
}
