import { useT } from '../common/i18n';

interface CurrentPasswordFieldProps {
  /** The input's id; its test id is the same. */
  id: string;
  value: string;
  onInput: (value: string) => void;
}

/** The staff member's own password, as sign-in and re-authentication ask for it. */
export function CurrentPasswordField({ id, value, onInput }: CurrentPasswordFieldProps) {
  const t = useT();
  return (
    <div class="field">
      <label for={id}>{t('console:login.password')}</label>
      <input id={id} data-testid={id} type="password" autocomplete="current-password" required value={value} onInput={(event) => onInput(event.currentTarget.value)} />
    </div>
  );
}
