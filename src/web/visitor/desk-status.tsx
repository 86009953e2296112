import { useEffect, useRef } from 'preact/hooks';
import type { ScheduleReason, ScheduleStatus } from '../../shared/protocol';
import { formatInstant, formatTimeOrDate, timeZoneName, viewerTimeZone } from '../common/format';
import { type Translate, useLanguage, useT } from '../common/i18n';
import { formatCalendarDate, hoursByWeekday, pauseMessageFor } from './schedule';
import { BidiText } from '../common/bidi-text';

/** Open or closed right now; when closed, why, and when it opens next in office and local time. */
export function DeskStatus({ schedule, autoFocus }: { schedule: ScheduleStatus; autoFocus: boolean }) {
  const t = useT();
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (autoFocus) headingRef.current?.focus();
  }, []);
  const officeZone = timeZoneName(schedule.timeZone, language);
  if (schedule.open) {
    return (
      <div class="status status--open" data-testid="status-open">
        <h2 ref={headingRef} tabIndex={-1} class="status-heading">
          {t('visitor:status.open')}
        </h2>
        {schedule.closesAt && (
          <p>
            <OpenUntil closesAt={formatTimeOrDate(schedule.closesAt, language, schedule.timeZone)} zone={officeZone} />
          </p>
        )}
      </div>
    );
  }
  const pause = schedule.reason === 'paused' ? pauseMessageFor(schedule, language) : null;
  return (
    <div class="status status--closed" data-testid="status-closed" data-reason={schedule.reason}>
      <h2 ref={headingRef} tabIndex={-1} class="status-heading">
        {t('visitor:status.closed')}
      </h2>
      <p data-testid="closed-reason">{reasonText(t, schedule, language)}</p>
      {pause && (
        <blockquote class="pause-message" lang={pause.language} data-testid="pause-message">
          <p>{pause.text}</p>
        </blockquote>
      )}
      {WAITS_FOR_HOURS.has(schedule.reason) && <p>{t('visitor:status.closedHint')}</p>}
      {schedule.nextOpening ? (
        <NextOpening at={schedule.nextOpening} officeTimeZone={schedule.timeZone} />
      ) : (
        schedule.reason !== 'paused' && schedule.reason !== 'after_service' && <p>{t('visitor:status.noOpening')}</p>
      )}
    </div>
  );
}

/** Reasons after which the hours below tell the visitor when to come back. */
const WAITS_FOR_HOURS: ReadonlySet<ScheduleReason> = new Set(['holiday', 'closed_day', 'weekend', 'last_entry', 'outside_hours']);

function reasonText(t: Translate, schedule: ScheduleStatus, language: string): string {
  switch (schedule.reason) {
    case 'holiday': {
      const holiday = schedule.holiday;
      const key = `common:holidays.${holiday?.id ?? 'other'}`;
      const translated = t(key);
      return t('visitor:status.reasons.holiday', { name: translated === key ? (holiday?.name ?? '') : translated });
    }
    case 'before_service':
      return t('visitor:status.reasons.before_service', { date: schedule.serviceStart ? formatCalendarDate(schedule.serviceStart, language) : '' });
    case 'after_service':
      return t('visitor:status.reasons.after_service', { date: schedule.serviceEnd ? formatCalendarDate(schedule.serviceEnd, language) : '' });
    case 'last_entry':
      return t('visitor:status.reasons.last_entry', {
        minutes: schedule.lastEntryMinutes,
        time: schedule.closesAt ? formatTimeOrDate(schedule.closesAt, language, schedule.timeZone) : '',
        zone: timeZoneName(schedule.timeZone, language),
      });
    default:
      return t(`visitor:status.reasons.${schedule.reason}`);
  }
}

function NextOpening({ at, officeTimeZone }: { at: string; officeTimeZone: string }) {
  const t = useT();
  const language = useLanguage();
  const ownZone = viewerTimeZone();
  const officeTime = formatInstant(at, language, officeTimeZone);
  const ownTime = formatInstant(at, language, ownZone);
  return (
    <div class="next-opening" data-testid="next-opening">
      <p class="next-opening-label">{t('visitor:status.nextOpening')}</p>
      <ul>
        <li data-testid="next-opening-office">
          {t('visitor:status.officeTime', { time: officeTime, zone: timeZoneName(officeTimeZone, language) })}
        </li>
        {/* The visitor's own time only where it differs from the office's. */}
        {ownTime !== officeTime && (
          <li data-testid="next-opening-local">{t('visitor:status.yourTime', { time: ownTime, zone: timeZoneName(ownZone, language) })}</li>
        )}
      </ul>
    </div>
  );
}

export function OpeningHours({ schedule }: { schedule: ScheduleStatus }) {
  const t = useT();
  const language = useLanguage();
  return (
    <section class="hours" aria-labelledby="hours-heading">
      <h2 id="hours-heading">{t('visitor:hours.heading')}</h2>
      <p>{t('visitor:hours.timeZone', { zone: timeZoneName(schedule.timeZone, language), id: schedule.timeZone })}</p>
      <dl class="hours-list">
        {[...hoursByWeekday(schedule.hours)].map(([weekday, intervals]) => (
          <div key={weekday} class="hours-row">
            <dt>{t(`common:weekdays.${weekday}`)}</dt>
            <dd>{intervals.length > 0 ? intervals.join(', ') : t('visitor:hours.closed')}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function OpenUntil({ closesAt, zone }: { closesAt: string; zone: string }) {
  const t = useT();
  return <BidiText text={t('visitor:status.openUntil', { time: closesAt, zone })} values={[closesAt]} />;
}
