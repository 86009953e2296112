import { useT } from '../common/i18n';
import { twoFactorPolicyApi } from './admin-api';
import { SwitchSettingForm } from './switch-setting-form';

/** Whether consultants must sign in with a second factor too (src/server/auth/two-factor.ts). */
export function TwoFactorPolicyForm({ announce }: { announce: (text: string) => void }) {
  const t = useT();
  return (
    <SwitchSettingForm
      id="two-factor-policy"
      settingsApi={twoFactorPolicyApi}
      field="consultantsRequired"
      heading={t('admin:twoFactor.heading')}
      label={t('admin:twoFactor.consultantsRequired')}
      hint={t('admin:twoFactor.hint')}
      switchTestId="two-factor-consultants-required"
      announce={announce}
    />
  );
}
