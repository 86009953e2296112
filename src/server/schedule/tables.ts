export interface ScheduleExceptionsTable {
  desk_id: string;
  /** YYYY-MM-DD in the office's time zone. */
  date: string;
  /** That day's hours, "10:00-12:00,13:00-14:00"; empty: closed all day. */
  hours: string;
  created_at: string;
}

/** At most one row per desk: while it exists, the desk takes no new conversations. */
export interface DeskPausesTable {
  desk_id: string;
  /** JSON object: the office's message to visitors per language, e.g. {"pl":"…","en":"…"}. */
  messages: string;
  paused_at: string;
}

/** At most one row per desk, written from /admin: while it exists it overrides OFFICE_HOURS and SERVICE_START/END. */
export interface ScheduleSettingsTable {
  desk_id: string;
  /** The weekly hours in the OFFICE_HOURS notation, e.g. "mon-fri 11:00-14:00"; empty: no weekly hours. */
  weekly_hours: string;
  /** YYYY-MM-DD, inclusive, office time; null: open-ended. */
  service_start: string | null;
  service_end: string | null;
  updated_at: string;
}

export interface ScheduleTables {
  schedule_exceptions: ScheduleExceptionsTable;
  desk_pauses: DeskPausesTable;
  schedule_settings: ScheduleSettingsTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends ScheduleTables {}
}
