import { useState } from 'preact/hooks';
import { UI_LANGUAGES, type UiLanguage } from '../../shared/languages';
import { MAX_CONCURRENT_LIMIT, STAFF_ROLES, type StaffAccount, type Topic } from '../../shared/protocol';
import { type ApiErrorCode, errorCodeOf } from '../common/api';
import { nativeLanguageName } from '../common/format';
import { useLanguage, useT } from '../common/i18n';
import { ErrorMessage, NumberField } from './pages';
import { topicName } from '../common/topic-name';

export interface StaffProfile {
  name: string;
  role: StaffAccount['role'];
  languages: UiLanguage[];
  topics: string[];
  maxConcurrent: number;
  interpreterLanguages: string[];
}

export interface NewAccount extends StaffProfile {
  email: string;
  password: string;
}

const EMPTY: NewAccount = { email: '', password: '', name: '', role: 'consultant', languages: [], topics: [], maxConcurrent: 3, interpreterLanguages: [] };

function toggled<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

interface StaffFormProps {
  /** Editing an account; absent: creating one (with e-mail and first password). */
  account?: StaffAccount;
  topics: Topic[];
  onSubmit: (values: NewAccount) => Promise<void>;
  submitLabel: string;
}

/** One form for a new account and for changing one: name, role, languages, topics, capacity, interpreting. */
export function StaffForm({ account, topics, onSubmit, submitLabel }: StaffFormProps) {
  const t = useT();
  const language = useLanguage();
  const prefix = account ? `staff-edit` : 'staff-new';
  const [values, setValues] = useState<NewAccount>(account ? { ...EMPTY, ...account } : EMPTY);
  const [interpreting, setInterpreting] = useState(values.interpreterLanguages.join(', '));
  const [error, setError] = useState<ApiErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<NewAccount>) => setValues((current) => ({ ...current, ...change }));

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const interpreterLanguages = interpreting.split(',').map((code) => code.trim().toLowerCase()).filter(Boolean);
      await onSubmit({ ...values, name: values.name.trim(), email: values.email.trim(), interpreterLanguages });
      if (!account) {
        setValues(EMPTY);
        setInterpreting('');
      }
    } catch (failure) {
      setError(errorCodeOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="admin-form" onSubmit={submit} data-testid={`${prefix}-form`}>
      <div class="field">
        <label for={`${prefix}-name`}>{t('admin:staff.name')}</label>
        <input id={`${prefix}-name`} required maxLength={120} value={values.name} onInput={(event) => set({ name: event.currentTarget.value })} />
      </div>
      {!account && (
        <div class="field">
          <label for={`${prefix}-email`}>{t('admin:staff.email')}</label>
          <input
            id={`${prefix}-email`}
            type="email"
            required
            autocomplete="off"
            value={values.email}
            onInput={(event) => set({ email: event.currentTarget.value })}
          />
        </div>
      )}
      <div class="field">
        <label for={`${prefix}-role`}>{t('admin:staff.role')}</label>
        <select id={`${prefix}-role`} value={values.role} onChange={(event) => set({ role: event.currentTarget.value as NewAccount['role'] })}>
          {STAFF_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`admin:roles.${role}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t('admin:staff.languages')}</legend>
        {UI_LANGUAGES.map((code) => (
          <label key={code} class="check">
            <input
              type="checkbox"
              checked={values.languages.includes(code)}
              onChange={(event) => set({ languages: toggled(values.languages, code, event.currentTarget.checked) })}
            />
            <span lang={code}>{nativeLanguageName(code)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('admin:staff.topics')}</legend>
        <p class="hint">{t('admin:staff.topicsHint')}</p>
        <div class="check-columns">
          {topics.map((topic) => (
            <label key={topic.id} class="check">
              <input
                type="checkbox"
                checked={values.topics.includes(topic.id)}
                onChange={(event) => set({ topics: toggled(values.topics, topic.id, event.currentTarget.checked) })}
              />
              {topicName(t, topic.id, language, topic.names)}
            </label>
          ))}
        </div>
      </fieldset>
      <NumberField
        id={`${prefix}-max`}
        label={t('admin:staff.maxConcurrent')}
        min={1}
        max={MAX_CONCURRENT_LIMIT}
        value={values.maxConcurrent}
        onChange={(maxConcurrent) => set({ maxConcurrent })}
      />
      <div class="field">
        <label for={`${prefix}-interpreting`}>{t('admin:staff.interpreterLanguages')}</label>
        <input
          id={`${prefix}-interpreting`}
          aria-describedby={`${prefix}-interpreting-hint`}
          pattern="\s*[A-Za-z]{2,3}(\s*,\s*[A-Za-z]{2,3})*\s*"
          value={interpreting}
          onInput={(event) => setInterpreting(event.currentTarget.value)}
        />
        <p class="hint" id={`${prefix}-interpreting-hint`}>
          {t('admin:staff.interpreterHint')}
        </p>
      </div>
      {!account && (
        <div class="field">
          <label for={`${prefix}-password`}>{t('admin:staff.password')}</label>
          <input
            id={`${prefix}-password`}
            type="password"
            autocomplete="new-password"
            required
            minLength={12}
            aria-describedby={`${prefix}-password-hint`}
            value={values.password}
            onInput={(event) => set({ password: event.currentTarget.value })}
          />
          <p class="hint" id={`${prefix}-password-hint`}>
            {t('admin:staff.passwordHint')}
          </p>
        </div>
      )}
      <ErrorMessage code={error} />
      <button type="submit" disabled={busy} data-testid={`${prefix}-submit`}>
        {submitLabel}
      </button>
    </form>
  );
}
