/** "Leave a message" on the closed page; the form loads when the visitor asks for it. */
import type { DeskInfo } from '../../../shared/protocol';
import { useT } from '../../common/i18n';
import { LazyFormSection } from '../../common/lazy-form-section';

const loadForm = () => import('./leave-message-form').then(({ LeaveMessageForm }) => LeaveMessageForm);

export function LeaveMessageSection({ desk }: { desk: DeskInfo }) {
  const t = useT();
  return (
    <LazyFormSection
      name="leave-message"
      heading={t('visitor:leaveMessage.heading')}
      intro={t(desk.sendsEmail ? 'visitor:leaveMessage.intro' : 'visitor:leaveMessage.introNoEmail')}
      openLabel={t('visitor:leaveMessage.open')}
      loadingLabel={t('visitor:leaveMessage.loading')}
      load={loadForm}
      formProps={{ desk }}
    />
  );
}
