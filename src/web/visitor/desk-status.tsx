import { useEffect, useRef } from 'preact/hooks';
import type { ScheduleStatus } from '../../shared/protocol';
import { formatInstant, formatTimeOrDate, timeZoneName, viewerTimeZone } from '../common/format';
import { useLanguage, useT } from '../common/i18n';
import { hoursByWeekday } from './schedule';

/** Open or closed right now, and when closed, when it opens next in office and local time. */
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
            {t('visitor:status.openUntil', {
              time: formatTimeOrDate(schedule.closesAt, language, schedule.timeZone),
              zone: officeZone,
            })}
          </p>
        )}
      </div>
    );
  }
  return (
    <div class="status status--closed" data-testid="status-closed">
      <h2 ref={headingRef} tabIndex={-1} class="status-heading">
        {t('visitor:status.closed')}
      </h2>
      <p>{t('visitor:status.closedHint')}</p>
      {schedule.nextOpening ? (
        <NextOpening at={schedule.nextOpening} officeTimeZone={schedule.timeZone} />
      ) : (
        <p>{t('visitor:status.noOpening')}</p>
      )}
    </div>
  );
}

function NextOpening({ at, officeTimeZone }: { at: string; officeTimeZone: string }) {
  const t = useT();
  const language = useLanguage();
  const ownZone = viewerTimeZone();
  return (
    <div class="next-opening" data-testid="next-opening">
      <p class="next-opening-label">{t('visitor:status.nextOpening')}</p>
      <ul>
        <li>
          {t('visitor:status.officeTime', {
            time: formatInstant(at, language, officeTimeZone),
            zone: timeZoneName(officeTimeZone, language),
          })}
        </li>
        <li>
          {t('visitor:status.yourTime', {
            time: formatInstant(at, language, ownZone),
            zone: timeZoneName(ownZone, language),
          })}
        </li>
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
