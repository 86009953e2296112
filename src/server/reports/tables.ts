/**
 * The aggregate store: counters without personal data (no names, addresses, texts, tokens or
 * visitor ids), one row per combination of desk, office day, hour and dimensions. Written in the
 * transaction of the event it counts; retention never deletes it (src/server/retention).
 * An absent dimension is '' (not NULL), so the unique key holds on PostgreSQL too.
 */
export interface ReportCountsTable {
  desk_id: string;
  /** YYYY-MM-DD in the office's time zone. */
  day: string;
  /** 0–23, the office's wall-clock hour. */
  hour: number;
  measure: string;
  language: string;
  topic: string;
  channel: string;
  outcome: string;
  /** A staff member's id where the figure is per consultant; never a visitor's. */
  staff_id: string;
  /** A duration bucket (facts.ts DURATION_BUCKETS) or a rating 1–5; -1: none. */
  bucket: number;
  count: number;
  /** Sum of the measured values (seconds, or ratings), for averages. */
  total: number;
}

export interface ReportTables {
  report_counts: ReportCountsTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends ReportTables {}
}
