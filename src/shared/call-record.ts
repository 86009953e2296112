/**
 * One line for a finished call in the history, the same in the visitor page, the console and the
 * transcript: kind, who started it, and either its times and duration or that it was declined or
 * not answered. `time` formats an instant the way the reader's view does.
 */
import type { CallRecord } from './protocol';

type Translate = (key: string, values?: Record<string, string | number | null>) => string;

/** `m:ss`, or `h:mm:ss` from an hour on. */
function formatCallDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function callRecordText(t: Translate, record: CallRecord, time: (iso: string) => string): string {
  const values = {
    kind: t(`common:call.kind.${record.kind}`),
    who: record.startedBy === 'visitor' ? t('common:call.record.visitor') : (record.startedByName ?? t('common:call.who.consultant')),
    start: time(record.answeredAt ?? record.startedAt),
    end: time(record.endedAt),
    duration: formatCallDuration(record.durationSeconds),
  };
  const line = t(`common:call.record.${record.outcome}`, values);
  return record.endReason === 'dropped' ? `${line} ${t('common:call.record.dropped')}` : line;
}
