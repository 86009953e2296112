import type { VisitorBooking } from '../../../shared/protocol';
import { formatInstant, timeZoneName, viewerTimeZone } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';

/** When the call is, in the office's time and, where it differs, in the visitor's own. */
export function BookingTimes({ booking }: { booking: Pick<VisitorBooking, 'startsAt' | 'officeTimeZone' | 'callKind'> }) {
  const t = useT();
  const language = useLanguage();
  const ownZone = viewerTimeZone();
  const office = formatInstant(booking.startsAt, language, booking.officeTimeZone);
  const own = formatInstant(booking.startsAt, language, ownZone);
  return (
    <ul class="booking-times">
      <li data-testid="booking-office-time">{t('visitor:status.officeTime', { time: office, zone: timeZoneName(booking.officeTimeZone, language) })}</li>
      {own !== office && <li data-testid="booking-own-time">{t('visitor:status.yourTime', { time: own, zone: timeZoneName(ownZone, language) })}</li>}
      <li>{t(`visitor:booking.kinds.${booking.callKind}`)}</li>
    </ul>
  );
}
