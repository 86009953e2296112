/**
 * The figures of a report, each one table, built from sums of the aggregate store (pure: the
 * service fetches the sums). Percentiles come from the duration buckets (facts.ts).
 */
import { Temporal } from 'temporal-polyfill';
import type { WeeklyInterval } from '../../shared/protocol';
import type { GroupBy, ReportCell, ReportTable } from '../../shared/wire/reports';
import { formatTimeRanges } from '../schedule/weekly-hours';
import { bucketRange, DURATION_BUCKETS, quantileOfBuckets } from './facts';
import type { SumRow } from './repository';

type Rows = readonly SumRow[];

const is = (measure: string, outcome?: string) => (row: SumRow) => row.measure === measure && (outcome === undefined || row.outcome === outcome);

function count(rows: Rows, pick: (row: SumRow) => boolean): number {
  return rows.filter(pick).reduce((sum, row) => sum + row.count, 0);
}

function total(rows: Rows, pick: (row: SumRow) => boolean): number {
  return rows.filter(pick).reduce((sum, row) => sum + row.total, 0);
}

function average(rows: Rows, pick: (row: SumRow) => boolean, digits = 0): number | null {
  const n = count(rows, pick);
  if (n === 0) return null;
  const factor = 10 ** digits;
  return Math.round((total(rows, pick) / n) * factor) / factor;
}

function quantile(rows: Rows, pick: (row: SumRow) => boolean, p: number): number | null {
  const buckets = new Map<number, number>();
  for (const row of rows.filter(pick)) buckets.set(Number(row.bucket), (buckets.get(Number(row.bucket)) ?? 0) + row.count);
  return quantileOfBuckets(buckets, p);
}

/** Bookings of past slots neither attended nor cancelled. */
function missedBookings(rows: Rows, today: string): number {
  const past = rows.filter((row) => String(row.day) < today);
  return Math.max(0, count(past, is('booking_made')) - count(past, is('booking_cancelled')) - count(past, is('booking_attended')));
}

/** Everything in one column of figures: the quarterly summary's first table. */
export function summaryTable(rows: Rows, byDay: Rows, today: string): ReportTable {
  const served = is('conversation_ended', 'served');
  const entries: [string, ReportCell][] = [
    ['conversations_started', count(rows, is('conversation_started'))],
    ['served', count(rows, served)],
    ['given_up', count(rows, is('conversation_ended', 'given_up'))],
    ['turned_away', count(rows, is('conversation_ended', 'turned_away'))],
    ['start_refused', count(rows, is('start_refused'))],
    ['start_refused_last_entry', count(rows, is('start_refused', 'last_entry'))],
    ['wait_p50_seconds', quantile(rows, served, 0.5)],
    ['wait_p90_seconds', quantile(rows, served, 0.9)],
    ['first_response_p50_seconds', quantile(rows, is('first_response'), 0.5)],
    ['handling_p50_seconds', quantile(rows, is('handling'), 0.5)],
    ['calls', count(rows, is('call'))],
    ['call_average_seconds', average(rows, is('call', 'answered'))],
    ['left_messages_received', count(rows, is('left_message_received'))],
    ['left_messages_answered', count(rows, is('left_message_answered'))],
    ['left_message_answer_p50_seconds', quantile(rows, is('left_message_answered'), 0.5)],
    ['left_message_replies', count(rows, is('left_message_reply'))],
    ['left_message_replies_answered', count(rows, is('left_message_reply_answered'))],
    ['bookings_made', count(rows, is('booking_made'))],
    ['bookings_attended', count(rows, is('booking_attended'))],
    ['bookings_missed', missedBookings(byDay, today)],
    ['bookings_cancelled', count(rows, is('booking_cancelled'))],
    ['satisfaction_average', average(rows, is('satisfaction'), 2)],
    ['satisfaction_responses', count(rows, is('satisfaction'))],
    ['closed_visits', count(rows, is('closed_visit'))],
    ['closed_visits_left_message', count(rows, is('closed_visit_next', 'left_message'))],
    ['closed_visits_booked', count(rows, is('closed_visit_next', 'booked'))],
  ];
  return { figure: 'summary', columns: ['label', 'value'], rows: entries };
}

/** The group a day falls in: itself, its ISO week, or its month. */
export function periodOf(day: string, groupBy: GroupBy): string {
  if (groupBy === 'month') return day.slice(0, 7);
  if (groupBy === 'week') {
    const date = Temporal.PlainDate.from(day);
    return `${date.yearOfWeek}-W${String(date.weekOfYear).padStart(2, '0')}`;
  }
  return day;
}

function grouped(rows: Rows, keyOf: (row: SumRow) => string): Map<string, SumRow[]> {
  const groups = new Map<string, SumRow[]>();
  for (const row of rows) {
    const key = keyOf(row);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

/** Rows grouped by the dimension or period the screen picked ('-': rows without that dimension). */
function byGroup(rows: Rows, groupBy: GroupBy): Map<string, SumRow[]> {
  const column = groupBy === 'day' || groupBy === 'week' || groupBy === 'month' ? 'day' : groupBy;
  return grouped(rows, (row) => (column === 'day' ? periodOf(String(row.day), groupBy) : String(row[column] || '-')));
}

/** Sums grouped by the dimension or period the screen picked. */
export function byGroupTable(rows: Rows, groupBy: GroupBy): ReportTable {
  const groups = byGroup(rows.filter((row) => !String(row.measure).startsWith('closed_visit')), groupBy);
  const served = is('conversation_ended', 'served');
  return {
    figure: 'by_group',
    columns: [groupBy, 'started', 'served', 'given_up', 'turned_away', 'wait_p50_seconds', 'wait_p90_seconds', 'left_messages_received', 'bookings_made'],
    rows: [...groups].map(([group, inGroup]) => [
      group,
      count(inGroup, is('conversation_started')),
      count(inGroup, served),
      count(inGroup, is('conversation_ended', 'given_up')),
      count(inGroup, is('conversation_ended', 'turned_away')),
      quantile(inGroup, served, 0.5),
      quantile(inGroup, served, 0.9),
      count(inGroup, is('left_message_received')),
      count(inGroup, is('booking_made')),
    ]),
  };
}

/** How long visitors waited before being served, and before giving up. */
export function waitBucketsTable(rows: Rows): ReportTable {
  const bucketCount = DURATION_BUCKETS.length + 1;
  const ofBucket = (bucket: number, outcome: string) => (row: SumRow) => is('conversation_ended', outcome)(row) && Number(row.bucket) === bucket;
  const tableRows: ReportCell[][] = [];
  for (let bucket = 0; bucket < bucketCount; bucket += 1) {
    const served = count(rows, ofBucket(bucket, 'served'));
    const givenUp = count(rows, ofBucket(bucket, 'given_up'));
    if (served + givenUp === 0) continue;
    const [from, to] = bucketRange(bucket);
    tableRows.push([from, bucket === DURATION_BUCKETS.length ? null : to, served, givenUp]);
  }
  return { figure: 'wait_buckets', columns: ['from_seconds', 'to_seconds', 'served', 'given_up'], rows: tableRows };
}

export function callsTable(rows: Rows): ReportTable {
  const calls = grouped(rows.filter(is('call')), (row) => `${row.channel}|${row.outcome}`);
  return {
    figure: 'calls',
    columns: ['channel', 'outcome', 'calls', 'average_seconds', 'total_seconds'],
    rows: [...calls].map(([key, inGroup]) => {
      const [channel, outcome] = key.split('|');
      return [channel!, outcome!, count(inGroup, () => true), average(inGroup, () => true), total(inGroup, () => true)];
    }),
  };
}

export function interpreterCallsTable(rows: Rows): ReportTable {
  const byLanguage = grouped(rows.filter(is('interpreter_call')), (row) => String(row.language));
  return {
    figure: 'interpreter_calls',
    columns: ['language', 'calls', 'average_seconds'],
    rows: [...byLanguage].map(([language, inGroup]) => [language, count(inGroup, () => true), average(inGroup, () => true)]),
  };
}

export function bookingsTable(rows: Rows, today: string): ReportTable {
  const byLanguage = grouped(rows, (row) => String(row.language));
  return {
    figure: 'bookings',
    columns: ['language', 'made', 'attended', 'missed', 'cancelled'],
    rows: [...byLanguage].map(([language, inGroup]) => [
      language,
      count(inGroup, is('booking_made')),
      count(inGroup, is('booking_attended')),
      missedBookings(inGroup, today),
      count(inGroup, is('booking_cancelled')),
    ]),
  };
}

export function satisfactionTable(rows: Rows): ReportTable {
  const ratings = rows.filter(is('satisfaction'));
  return {
    figure: 'satisfaction',
    columns: ['rating', 'responses'],
    rows: [5, 4, 3, 2, 1].map((rating) => [rating, count(ratings, (row) => Number(row.bucket) === rating)]),
  };
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * Conversations started per weekday (1 Monday … 7 Sunday) and hour of the office's day, beside the
 * weekly office hours (as they are now), so demand can be read against the hours.
 */
export function heatmapTable(rows: Rows, officeHours: readonly WeeklyInterval[]): ReportTable {
  const cells = new Map<string, number>();
  for (const row of rows.filter(is('conversation_started'))) {
    const key = `${Temporal.PlainDate.from(String(row.day)).dayOfWeek}|${row.hour}`;
    cells.set(key, (cells.get(key) ?? 0) + row.count);
  }
  const hours = Array.from({ length: 24 }, (_, hour) => hour);
  return {
    figure: 'heatmap',
    columns: ['weekday', ...hours.map((hour) => `h${hour}`), 'office_hours'],
    rows: WEEKDAYS.map((weekday) => {
      const open = officeHours.filter((interval) => interval.weekday === weekday);
      return [weekday, ...hours.map((hour) => cells.get(`${weekday}|${hour}`) ?? 0), open.length > 0 ? formatTimeRanges(open) : null];
    }),
  };
}

export function perConsultantTable(rows: Rows, names: ReadonlyMap<string, string>): ReportTable {
  const byStaff = grouped(rows, (row) => String(row.staff_id));
  return {
    figure: 'per_consultant',
    columns: ['staff', 'served', 'first_response_p50_seconds', 'handling_p50_seconds', 'satisfaction_average', 'satisfaction_responses'],
    rows: [...byStaff].map(([staffId, inGroup]) => [
      names.get(staffId) ?? staffId,
      count(inGroup, is('conversation_ended', 'served')),
      quantile(inGroup, is('first_response'), 0.5),
      quantile(inGroup, is('handling'), 0.5),
      average(inGroup, is('satisfaction'), 2),
      count(inGroup, is('satisfaction')),
    ]),
  };
}

/**
 * Visitors who came while the desk was closed and what they did next; "nothing" is the rest (a
 * visit is counted once per browser and day, its next step at most once).
 */
export function closedVisitsTable(rows: Rows, groupBy: GroupBy): ReportTable {
  const groups = byGroup(rows.filter((row) => String(row.measure).startsWith('closed_visit')), groupBy);
  return {
    figure: 'closed_visits',
    columns: [groupBy, 'visits', 'left_message', 'booked', 'nothing'],
    rows: [...groups].map(([group, inGroup]) => {
      const visits = count(inGroup, is('closed_visit'));
      const leftMessage = count(inGroup, is('closed_visit_next', 'left_message'));
      const booked = count(inGroup, is('closed_visit_next', 'booked'));
      return [group, visits, leftMessage, booked, Math.max(0, visits - leftMessage - booked)];
    }),
  };
}

/** The column that says how many people a row is about, per figure (small-group suppression). */
const GROUP_SIZE_COLUMN: Partial<Record<ReportTable['figure'], string>> = {
  by_group: 'started',
  calls: 'calls',
  interpreter_calls: 'calls',
  bookings: 'made',
  satisfaction: 'responses',
  per_consultant: 'served',
  closed_visits: 'visits',
};

/** A satisfaction average sits beside other figures (a consultant's row, the summary): it has its own group size. */
const RATING_CELLS = ['satisfaction_average', 'satisfaction_responses'];
const RATING_SIZE = 'satisfaction_responses';

const tooFew = (size: ReportCell | undefined, minimum: number) => Number(size ?? 0) > 0 && Number(size ?? 0) < minimum;

/**
 * For exports: a row about fewer than `minimum` people keeps its label but loses its figures, and
 * satisfaction figures from fewer than `minimum` ratings are blanked wherever they stand (one
 * consultant's single rating, the summary's average), so nobody can be singled out in a file or
 * a page that leaves the office.
 */
export function suppressSmallGroups(table: ReportTable, minimum: number): ReportTable {
  if (minimum <= 1) return table;
  if (table.figure === 'summary') {
    const ratings = table.rows.find(([label]) => label === RATING_SIZE)?.[1] ?? 0;
    return tooFew(ratings, minimum) ? { ...table, rows: table.rows.map((row) => (RATING_CELLS.includes(String(row[0])) ? [row[0]!, null] : row)) } : table;
  }
  const sizeColumn = GROUP_SIZE_COLUMN[table.figure];
  const sizeAt = sizeColumn ? table.columns.indexOf(sizeColumn) : -1;
  if (sizeAt === -1) return table;
  const ratingsAt = table.columns.indexOf(RATING_SIZE);
  return {
    ...table,
    rows: table.rows.map((row) => {
      if (tooFew(row[sizeAt], minimum)) return row.map((cell, index) => (index === 0 ? cell : null));
      if (ratingsAt !== -1 && tooFew(row[ratingsAt], minimum)) return row.map((cell, index) => (RATING_CELLS.includes(table.columns[index]!) ? null : cell));
      return row;
    }),
  };
}
