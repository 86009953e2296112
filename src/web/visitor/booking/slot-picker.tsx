/**
 * Choosing a day, then a time, among the free slots of one language: two radio groups, each time
 * shown in the office's time zone and in the visitor's own (when it differs).
 */
import { useEffect, useState } from 'preact/hooks';
import type { UiLanguage } from '../../../shared/languages';
import type { BookingSlotsResponse } from '../../../shared/protocol';
import { errorCodeOf, type ApiErrorCode } from '../../common/api';
import { errorText } from '../../common/error-text';
import { timeZoneName, viewerTimeZone } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import { fetchSlots } from './api';
import { formatClock, formatDay, slotsByDay } from './times';

type Slots = { status: 'loading' } | { status: 'failed'; code: ApiErrorCode } | { status: 'loaded'; response: BookingSlotsResponse };

export interface SlotPickerProps {
  /** The language of the call: capacity is per language. */
  language: UiLanguage;
  value: string | null;
  onChange: (startsAt: string | null) => void;
  /** A slot not to offer (the booking's current time when moving it). */
  exclude?: string;
  /** Changes to load the slots again (after a refusal because someone else was quicker). */
  reloadKey?: number;
  invalid: boolean;
}

export function SlotPicker({ language, value, onChange, exclude, reloadKey = 0, invalid }: SlotPickerProps) {
  const t = useT();
  const uiLanguage = useLanguage();
  const [slots, setSlots] = useState<Slots>({ status: 'loading' });
  const [day, setDay] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setSlots({ status: 'loading' });
    fetchSlots(language).then(
      (response) => current && setSlots({ status: 'loaded', response }),
      (error: unknown) => current && setSlots({ status: 'failed', code: errorCodeOf(error) }),
    );
    onChange(null);
    return () => void (current = false);
  }, [language, reloadKey]);

  if (slots.status === 'loading') return <p role="status">{t('visitor:booking.form.slotsLoading')}</p>;
  if (slots.status === 'failed') {
    return (
      <p class="notice notice--error" role="alert">
        {errorText(t, slots.code)}
      </p>
    );
  }
  const { timeZone: officeZone } = slots.response;
  const ownZone = viewerTimeZone();
  const days = slotsByDay(
    slots.response.slots.filter((slot) => slot.startsAt !== exclude),
    officeZone,
  );
  if (days.size === 0) return <p data-testid="no-slots">{t('visitor:booking.form.noSlots')}</p>;
  const chosenDay = day && days.has(day) ? day : null;
  const sameZone = ownZone === officeZone;

  return (
    <>
      <fieldset class="choice-group" data-testid="booking-days" aria-describedby={invalid && !chosenDay ? 'booking-time-error' : undefined}>
        <legend>{t('visitor:booking.form.day')}</legend>
        <div class="choices">
          {[...days.keys()].map((key) => (
            <label key={key} class="choice">
              <input
                type="radio"
                name="booking-day"
                value={key}
                checked={chosenDay === key}
                onChange={() => {
                  setDay(key);
                  onChange(null);
                }}
              />
              <span>{formatDay(key, uiLanguage)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {chosenDay && (
        <fieldset
          class="choice-group"
          data-testid="booking-times"
          aria-describedby={invalid ? 'booking-zones booking-time-error' : 'booking-zones'}
        >
          <legend>{t('visitor:booking.form.time')}</legend>
          <p id="booking-zones" class="hint">
            {sameZone
              ? t('visitor:booking.form.zoneOffice', { zone: timeZoneName(officeZone, uiLanguage) })
              : t('visitor:booking.form.zonesBoth', { office: timeZoneName(officeZone, uiLanguage), own: timeZoneName(ownZone, uiLanguage) })}
          </p>
          <div class="choices">
            {days.get(chosenDay)!.map((slot) => {
              const office = formatClock(slot.startsAt, uiLanguage, officeZone);
              const own = formatClock(slot.startsAt, uiLanguage, ownZone, chosenDay);
              return (
                <label key={slot.startsAt} class="choice" data-testid="booking-slot">
                  <input type="radio" name="booking-time" value={slot.startsAt} checked={value === slot.startsAt} onChange={() => onChange(slot.startsAt)} />
                  <span>{sameZone ? office : t('visitor:booking.form.slotBoth', { office, own })}</span>
                </label>
              );
            })}
          </div>
        </fieldset>
      )}
      {invalid && (
        <p id="booking-time-error" class="field-error" data-testid="booking-time-error">
          {t('visitor:booking.form.timeRequired')}
        </p>
      )}
    </>
  );
}
