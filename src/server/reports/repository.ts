/** The only place that speaks SQL about the aggregate store (tables.ts). */
import { type Kysely, type Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import type { ReportCountsTable } from './tables';

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/** One counter increment, placed on the office's calendar. */
export type CountRow = ReportCountsTable;

/** The dimensions a report may group sums by. */
export type SumColumn = 'day' | 'hour' | 'measure' | 'language' | 'topic' | 'channel' | 'outcome' | 'staff_id' | 'bucket';

export interface SumFilter {
  deskId: string;
  from: string;
  to: string;
  measures: readonly string[];
  language?: string;
  topic?: string;
  channel?: string;
  /** Only rows that name a staff member. */
  perStaff?: boolean;
}

export type SumRow = Partial<Record<SumColumn, string | number>> & { count: number; total: number };

/** 12 columns a row: well under SQLite's 32,766 bound parameters a statement. */
const ADD_BATCH = 500;

const KEY_COLUMNS = ['desk_id', 'day', 'hour', 'measure', 'language', 'topic', 'channel', 'outcome', 'staff_id', 'bucket'] as const;

export class ReportRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /**
   * Adds to the counters in the caller's transaction (an existing key is incremented). Rows of one
   * key are merged first (PostgreSQL refuses to update one row twice in a statement), then written
   * in batches, so a rebuild of a year is a few hundred statements.
   */
  async add(trx: Db, rows: readonly CountRow[]): Promise<void> {
    const merged = new Map<string, CountRow>();
    for (const row of rows) {
      const key = KEY_COLUMNS.map((column) => row[column]).join('\u0000');
      const seen = merged.get(key);
      merged.set(key, seen ? { ...seen, count: seen.count + row.count, total: seen.total + row.total } : row);
    }
    const unique = [...merged.values()];
    for (let start = 0; start < unique.length; start += ADD_BATCH) {
      await trx
        .insertInto('report_counts')
        .values(unique.slice(start, start + ADD_BATCH))
        .onConflict((oc) =>
          oc.columns([...KEY_COLUMNS]).doUpdateSet((eb) => ({
            count: eb('report_counts.count', '+', eb.ref('excluded.count')),
            total: eb('report_counts.total', '+', eb.ref('excluded.total')),
          })),
        )
        .execute();
    }
  }

  /** Counts and totals between two office days (inclusive), summed by the given columns. */
  async sums(filter: SumFilter, by: readonly SumColumn[]): Promise<SumRow[]> {
    if (filter.measures.length === 0) return [];
    let query = this.db
      .selectFrom('report_counts')
      .where('desk_id', '=', filter.deskId)
      .where('measure', 'in', [...filter.measures])
      .where('day', '>=', filter.from)
      .where('day', '<=', filter.to);
    if (filter.language) query = query.where('language', '=', filter.language);
    if (filter.topic) query = query.where('topic', '=', filter.topic);
    if (filter.channel) query = query.where('channel', '=', filter.channel);
    if (filter.perStaff) query = query.where('staff_id', '!=', '');
    const rows = await query
      .select(by)
      .select((eb) => [eb.fn.sum<number | string>('count').as('count'), eb.fn.sum<number | string>('total').as('total')])
      .$if(by.length > 0, (q) => q.groupBy([...by]))
      .execute();
    return rows.map((row) => ({ ...row, count: Number(row.count), total: Number(row.total) }) as SumRow);
  }

  /** Forgets the counters of these measures between two office days, in the caller's transaction (a rebuild). */
  async clear(trx: Db, deskId: string, measures: readonly string[], from: string, to: string): Promise<void> {
    await trx
      .deleteFrom('report_counts')
      .where('desk_id', '=', deskId)
      .where('measure', 'in', [...measures])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .execute();
  }

  transaction<T>(work: (trx: Transaction<DatabaseSchema>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }
}
