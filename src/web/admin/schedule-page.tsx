import { useEffect, useState } from 'preact/hooks';
import type { UiLanguage } from '../../shared/languages';
import type { AdminSchedule, TimeRangeWire, WeeklyInterval } from '../../shared/protocol';
import { type ApiErrorCode, errorCodeOf } from '../common/api';
import { formatInstant, nativeLanguageName } from '../common/format';
import { useLanguage, useT } from '../common/i18n';
import { scheduleApi } from './admin-api';
import { IntervalRows } from './interval-rows';
import { ErrorMessage, Loading, PageHeading, type PageProps, useDeskLanguages } from './pages';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Runs a request that answers with the whole schedule, reporting success or the failure's code. */
function useScheduleAction(onSchedule: (schedule: AdminSchedule) => void, announce: PageProps['announce']) {
  const t = useT();
  const [error, setError] = useState<ApiErrorCode | null>(null);
  const run = async (request: () => Promise<AdminSchedule>, done: string = t('admin:saved')): Promise<boolean> => {
    setError(null);
    try {
      onSchedule(await request());
      announce(done);
      return true;
    } catch (failure) {
      setError(errorCodeOf(failure));
      return false;
    }
  };
  return { error, run };
}

export function SchedulePage({ announce, focusHeading }: PageProps) {
  const t = useT();
  const language = useLanguage();
  const [schedule, setSchedule] = useState<AdminSchedule | null>(null);
  const [loadError, setLoadError] = useState<ApiErrorCode | null>(null);

  useEffect(() => {
    scheduleApi.get().then(setSchedule, (failure: unknown) => setLoadError(errorCodeOf(failure)));
  }, []);

  return (
    <>
      <PageHeading focus={focusHeading}>{t('admin:nav.schedule')}</PageHeading>
      <ErrorMessage code={loadError} />
      {schedule === null && !loadError && <Loading />}
      {schedule && (
        <>
          <p class={schedule.status.open ? 'notice notice-ok' : 'notice'} data-testid="schedule-status">
            {schedule.status.open ? t('admin:schedule.openNow') : t('admin:schedule.closedNow', { reason: t(`admin:schedule.reasons.${schedule.status.reason}`) })}{' '}
            {t('admin:schedule.timeZone', { zone: schedule.timeZone })}
            {schedule.status.nextOpening && ` ${t('admin:schedule.nextOpening', { at: formatInstant(schedule.status.nextOpening, language, schedule.timeZone) })}`}
          </p>
          <WeeklyHours schedule={schedule} onSchedule={setSchedule} announce={announce} />
          <Exceptions schedule={schedule} onSchedule={setSchedule} announce={announce} />
          <Pause schedule={schedule} onSchedule={setSchedule} announce={announce} />
        </>
      )}
    </>
  );
}

interface SectionProps {
  schedule: AdminSchedule;
  onSchedule: (schedule: AdminSchedule) => void;
  announce: PageProps['announce'];
}

function WeeklyHours({ schedule, onSchedule, announce }: SectionProps) {
  const t = useT();
  const [hours, setHours] = useState<WeeklyInterval[]>(schedule.hours);
  const [serviceStart, setServiceStart] = useState(schedule.serviceStart ?? '');
  const [serviceEnd, setServiceEnd] = useState(schedule.serviceEnd ?? '');
  const { error, run } = useScheduleAction(onSchedule, announce);

  const dayHours = (weekday: number) => hours.filter((interval) => interval.weekday === weekday).map(({ start, end }) => ({ start, end }));
  const setDay = (weekday: number, ranges: TimeRangeWire[]) =>
    setHours([...hours.filter((interval) => interval.weekday !== weekday), ...ranges.map((range) => ({ weekday, ...range }))]);

  const save = (event: Event) => {
    event.preventDefault();
    void run(() => scheduleApi.saveHours(hours, serviceStart || null, serviceEnd || null));
  };

  return (
    <section class="panel admin-section" aria-labelledby="weekly-heading">
      <h2 id="weekly-heading">{t('admin:schedule.weeklyHeading')}</h2>
      <form class="admin-form" onSubmit={save} data-testid="weekly-form">
        <p class="hint" id="weekly-time-hint">
          {t('admin:schedule.timeHint')}
        </p>
        {WEEKDAYS.map((weekday) => (
          <fieldset key={weekday}>
            <legend>{t(`common:weekdays.${weekday}`)}</legend>
            {dayHours(weekday).length === 0 && <p class="hint">{t('admin:schedule.closedDay')}</p>}
            <IntervalRows
              idPrefix={`weekday-${weekday}`}
              context={t(`common:weekdays.${weekday}`)}
              intervals={dayHours(weekday)}
              onChange={(ranges) => setDay(weekday, ranges)}
              hintId="weekly-time-hint"
            />
          </fieldset>
        ))}
        <fieldset>
          <legend>{t('admin:schedule.servicePeriod')}</legend>
          <p class="hint">{t('admin:schedule.servicePeriodHint')}</p>
          <div class="field">
            <label for="service-start">{t('admin:schedule.serviceStart')}</label>
            <input id="service-start" type="date" value={serviceStart} onInput={(event) => setServiceStart(event.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="service-end">{t('admin:schedule.serviceEnd')}</label>
            <input id="service-end" type="date" value={serviceEnd} onInput={(event) => setServiceEnd(event.currentTarget.value)} />
          </div>
        </fieldset>
        <ErrorMessage code={error} />
        <button type="submit" data-testid="weekly-save">
          {t('admin:schedule.saveHours')}
        </button>
      </form>
    </section>
  );
}

function Exceptions({ schedule, onSchedule, announce }: SectionProps) {
  const t = useT();
  const [date, setDate] = useState('');
  const [closed, setClosed] = useState(true);
  const [hours, setHours] = useState<TimeRangeWire[]>([{ start: '09:00', end: '12:00' }]);
  const { error, run } = useScheduleAction(onSchedule, announce);

  const add = async (event: Event) => {
    event.preventDefault();
    if (await run(() => scheduleApi.setException(date, closed ? [] : hours))) setDate('');
  };
  const describe = (ranges: TimeRangeWire[]) => (ranges.length ? ranges.map((range) => `${range.start}–${range.end}`).join(', ') : t('admin:schedule.closedAllDay'));

  return (
    <section class="panel admin-section" aria-labelledby="exceptions-heading">
      <h2 id="exceptions-heading">{t('admin:schedule.exceptionsHeading')}</h2>
      {schedule.exceptions.length === 0 ? (
        <p class="hint">{t('admin:schedule.noExceptions')}</p>
      ) : (
        <ul class="plain-list" data-testid="exception-list">
          {schedule.exceptions.map((exception) => (
            <li key={exception.date}>
              <span>
                <strong>{exception.date}</strong>: {describe(exception.hours)}
              </span>{' '}
              <button
                type="button"
                class="secondary"
                onClick={() => void run(() => scheduleApi.removeException(exception.date), t('admin:schedule.exceptionRemoved', { date: exception.date }))}
              >
                {t('admin:remove')}
                <span class="visually-hidden">: {exception.date}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="admin-form" onSubmit={add}>
        <h3>{t('admin:schedule.addException')}</h3>
        <div class="field">
          <label for="exception-date">{t('admin:schedule.date')}</label>
          <input id="exception-date" type="date" required value={date} onInput={(event) => setDate(event.currentTarget.value)} />
        </div>
        <label class="check">
          <input type="checkbox" checked={closed} onChange={(event) => setClosed(event.currentTarget.checked)} />
          {t('admin:schedule.closedAllDay')}
        </label>
        {!closed && (
          <fieldset>
            <legend>{t('admin:schedule.specialHours')}</legend>
            <p class="hint" id="exception-time-hint">
              {t('admin:schedule.timeHint')}
            </p>
            <IntervalRows idPrefix="exception" context={t('admin:schedule.specialHours')} intervals={hours} onChange={setHours} hintId="exception-time-hint" />
          </fieldset>
        )}
        <ErrorMessage code={error} />
        <button type="submit">{t('admin:schedule.saveException')}</button>
      </form>
    </section>
  );
}

function Pause({ schedule, onSchedule, announce }: SectionProps) {
  const t = useT();
  const language = useLanguage();
  const deskLanguages = useDeskLanguages();
  const [messages, setMessages] = useState<Partial<Record<UiLanguage, string>>>(schedule.pause?.messages ?? {});
  const { error, run } = useScheduleAction(onSchedule, announce);

  const pause = (event: Event) => {
    event.preventDefault();
    void run(() => scheduleApi.pause(messages), t('admin:schedule.pausedNow'));
  };

  return (
    <section class="panel admin-section" aria-labelledby="pause-heading">
      <h2 id="pause-heading">{t('admin:schedule.pauseHeading')}</h2>
      <p class="hint">{t('admin:schedule.pauseHint')}</p>
      {schedule.pause && (
        <p class="notice" data-testid="pause-state">
          {t('admin:schedule.pausedSince', { at: formatInstant(schedule.pause.since, language, schedule.timeZone) })}
        </p>
      )}
      <form class="admin-form" onSubmit={pause}>
        {deskLanguages.map((code) => (
          <div class="field" key={code}>
            <label for={`pause-${code}`}>{t('admin:schedule.pauseMessage', { language: nativeLanguageName(code) })}</label>
            <textarea
              id={`pause-${code}`}
              lang={code}
              rows={2}
              maxLength={500}
              required
              value={messages[code] ?? ''}
              onInput={(event) => setMessages({ ...messages, [code]: event.currentTarget.value })}
            />
          </div>
        ))}
        <ErrorMessage code={error} />
        <div class="button-row">
          <button type="submit" class={schedule.pause ? 'secondary' : 'danger'}>
            {schedule.pause ? t('admin:schedule.updatePause') : t('admin:schedule.pause')}
          </button>
          {schedule.pause && (
            <button type="button" onClick={() => void run(() => scheduleApi.resume(), t('admin:schedule.resumedNow'))}>
              {t('admin:schedule.resume')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
