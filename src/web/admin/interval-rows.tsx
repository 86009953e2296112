import type { TimeRangeWire } from '../../shared/protocol';
import { useT } from '../common/i18n';

interface IntervalRowsProps {
  idPrefix: string;
  /** Read before each field's label, e.g. "Monday", so every field names its day. */
  context: string;
  intervals: TimeRangeWire[];
  onChange: (intervals: TimeRangeWire[]) => void;
  /** The id of the hint that explains the time format. */
  hintId: string;
}

/** HH:MM on a 24-hour clock, and 24:00 for the end of the day, which a time input cannot hold. */
const TIME_PATTERN = '([01][0-9]|2[0-3]):[0-5][0-9]|24:00';

/** Opening intervals of one day: from–to pairs, added and removed one at a time. */
export function IntervalRows({ idPrefix, context, intervals, onChange, hintId }: IntervalRowsProps) {
  const t = useT();
  const change = (index: number, part: Partial<TimeRangeWire>) => onChange(intervals.map((range, i) => (i === index ? { ...range, ...part } : range)));
  return (
    <div class="intervals">
      {intervals.map((range, index) => (
        <div class="interval" key={index}>
          <label for={`${idPrefix}-${index}-start`}>
            <span class="visually-hidden">{context}, {t('admin:schedule.interval', { number: index + 1 })}: </span>
            {t('admin:schedule.from')}
          </label>
          <input
            id={`${idPrefix}-${index}-start`}
            {...timeField(hintId)}
            value={range.start}
            onInput={(event) => change(index, { start: event.currentTarget.value.trim() })}
          />
          <label for={`${idPrefix}-${index}-end`}>
            <span class="visually-hidden">{context}, {t('admin:schedule.interval', { number: index + 1 })}: </span>
            {t('admin:schedule.to')}
          </label>
          <input
            id={`${idPrefix}-${index}-end`}
            {...timeField(hintId)}
            value={range.end}
            onInput={(event) => change(index, { end: event.currentTarget.value.trim() })}
          />
          <button type="button" class="secondary" onClick={() => onChange(intervals.filter((_, i) => i !== index))}>
            {t('admin:schedule.removeInterval')}
            <span class="visually-hidden">: {context}, {t('admin:schedule.interval', { number: index + 1 })}</span>
          </button>
        </div>
      ))}
      <button type="button" class="secondary" data-testid={`${idPrefix}-add`} onClick={() => onChange([...intervals, { start: '09:00', end: '12:00' }])}>
        {t('admin:schedule.addInterval')}
        <span class="visually-hidden">: {context}</span>
      </button>
    </div>
  );
}

function timeField(hintId: string) {
  return { type: 'text', inputMode: 'numeric', required: true, pattern: TIME_PATTERN, size: 5, maxLength: 5, placeholder: 'HH:MM', 'aria-describedby': hintId } as const;
}
