/**
 * A unique index refused the row: PostgreSQL's unique_violation, SQLite's constraint error (e.g.
 * conversations_open_booking, migration 0012: a booking's conversation already started).
 */
export function isUniqueViolation(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
