import { useT } from '../common/i18n';
import { callPolicyApi } from './admin-api';
import { SwitchSettingForm } from './switch-setting-form';

/** Whether a visitor may start a voice or video call, or only ask to be called (src/server/calls). */
export function CallPolicyForm({ announce }: { announce: (text: string) => void }) {
  const t = useT();
  return (
    <SwitchSettingForm
      id="call-policy"
      settingsApi={callPolicyApi}
      field="visitorMayStart"
      heading={t('admin:calls.heading')}
      label={t('admin:calls.visitorMayStart')}
      hint={t('admin:calls.visitorMayStartHint')}
      switchTestId="call-policy-visitor-may-start"
      announce={announce}
    />
  );
}
