import type { ScheduleStatus } from '../../shared/protocol';
import { formatTimeOrDate } from '../common/format';
import { useLanguage, useT } from '../common/i18n';
import { closingWarning } from './closing';

/** "Closing at 14:00 — no new conversations from 13:50", in the office's time. */
export function ClosingBanner({ schedule, now }: { schedule: ScheduleStatus | undefined; now: number }) {
  const t = useT();
  const language = useLanguage();
  const warning = closingWarning(schedule, now);
  if (!warning || !schedule) return null;
  const time = (iso: string) => formatTimeOrDate(iso, language, schedule.timeZone, new Date(now));
  const text =
    warning.kind === 'paused'
      ? t('console:closing.paused')
      : warning.lastEntryAt
        ? t('console:closing.warning', { time: time(warning.closesAt), lastEntry: time(warning.lastEntryAt) })
        : t('console:closing.warningAtClose', { time: time(warning.closesAt) });
  return (
    <p class="closing-banner" role="status" data-testid="closing-banner">
      {text}
    </p>
  );
}
