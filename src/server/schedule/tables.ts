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

export interface ScheduleTables {
  schedule_exceptions: ScheduleExceptionsTable;
  desk_pauses: DeskPausesTable;
}
