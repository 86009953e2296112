/** "I have a case code" on the start page; its form loads when the visitor asks for it. */
import type { StartConversationResponse } from '../../../shared/desk-protocol';
import { useT } from '../../common/i18n';
import { LazyFormSection } from '../../common/lazy-form-section';

const loadForm = () => import('./case-code-form').then(({ CaseCodeForm }) => CaseCodeForm);

export function CaseCodeSection({ onContinued }: { onContinued: (response: StartConversationResponse) => void }) {
  const t = useT();
  return (
    <LazyFormSection
      name="case-code"
      heading={t('visitor:handoff.entryHeading')}
      intro={t('visitor:handoff.entryIntro')}
      openLabel={t('visitor:handoff.haveCode')}
      loadingLabel={t('visitor:handoff.loading')}
      load={loadForm}
      formProps={{ onContinued }}
    />
  );
}
