/** "Book a call" on the closed page; the form loads when the visitor asks for it. */
import type { DeskInfo } from '../../../shared/protocol';
import { useT } from '../../common/i18n';
import { LazyFormSection } from '../../common/lazy-form-section';

const loadForm = () => import('./booking-form').then(({ BookingForm }) => BookingForm);

export function BookingSection({ desk }: { desk: DeskInfo }) {
  const t = useT();
  return (
    <LazyFormSection
      name="booking"
      heading={t('visitor:booking.heading')}
      intro={t(desk.sendsEmail ? 'visitor:booking.intro' : 'visitor:booking.introNoEmail')}
      openLabel={t('visitor:booking.open')}
      loadingLabel={t('visitor:booking.loading')}
      load={loadForm}
      formProps={{ desk }}
    />
  );
}
