/** The report's period from the picker: a day, the week, month or quarter around a date, or a custom range (YYYY-MM-DD). */
export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const DAY_MS = 86_400_000;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function utcDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function periodAround(kind: Exclude<PeriodKind, 'custom'>, day: string): { from: string; to: string } {
  const date = utcDate(day);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  if (kind === 'day') return { from: day, to: day };
  if (kind === 'week') {
    const monday = new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY_MS);
    return { from: isoDay(monday), to: isoDay(new Date(monday.getTime() + 6 * DAY_MS)) };
  }
  const firstMonth = kind === 'quarter' ? month - (month % 3) : month;
  const months = kind === 'quarter' ? 3 : 1;
  return { from: isoDay(new Date(Date.UTC(year, firstMonth, 1))), to: isoDay(new Date(Date.UTC(year, firstMonth + months, 0))) };
}

/** The period the picker shows: its own dates for a custom range, else the one around its day. */
export function pickedPeriod(picked: { kind: PeriodKind; day: string; from: string; to: string }): { from: string; to: string } {
  return picked.kind === 'custom' ? { from: picked.from, to: picked.to } : periodAround(picked.kind, picked.day);
}

export function today(): string {
  const now = new Date();
  return isoDay(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}
