import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaffAccount, Topic } from '../../shared/protocol';
import { type ApiErrorCode, errorCodeOf } from '../common/api';
import { nativeLanguageName } from '../common/format';
import { useLanguage, useT } from '../common/i18n';
import { staffApi, topicApi } from './admin-api';
import { ErrorMessage, Loading, PageHeading, type PageProps, useRequestError } from './pages';
import { StaffForm, type NewAccount } from './staff-form';
import { TwoFactorPolicyForm } from './two-factor-policy-form';
import { topicName } from '../common/topic-name';

export function StaffPage({ announce, focusHeading, currentUserId }: PageProps & { currentUserId: string }) {
  const t = useT();
  const language = useLanguage();
  const [staff, setStaff] = useState<StaffAccount[] | null>(null);
  const [topics, setTopics] = useState<Topic[]>([]);
  const [loadError, setLoadError] = useState<ApiErrorCode | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([staffApi.list(), topicApi.list()]).then(
      ([accounts, topicList]) => {
        setStaff(accounts);
        setTopics(topicList);
      },
      (error: unknown) => setLoadError(errorCodeOf(error)),
    );
  }, []);

  const replace = (account: StaffAccount) => setStaff((list) => (list ?? []).map((item) => (item.id === account.id ? account : item)));

  async function create(values: NewAccount) {
    const account = await staffApi.create(values);
    setStaff((list) => [...(list ?? []), account]);
    announce(t('admin:staff.created', { name: account.name }));
  }

  const editing = staff?.find((account) => account.id === editingId) ?? null;
  const topicLabel = (ids: string[]) =>
    ids.length ? ids.map((id) => topicName(t, id, language, topics.find((topic) => topic.id === id)?.names)).join(', ') : t('admin:staff.allTopics');

  return (
    <>
      <PageHeading focus={focusHeading}>{t('admin:nav.staff')}</PageHeading>
      <ErrorMessage code={loadError} />
      {staff === null && !loadError && <Loading />}
      {staff && (
        <div class="table-wrap">
          <table data-testid="staff-table">
            <caption class="visually-hidden">{t('admin:nav.staff')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin:staff.name')}</th>
                <th scope="col">{t('admin:staff.email')}</th>
                <th scope="col">{t('admin:staff.role')}</th>
                <th scope="col">{t('admin:staff.languages')}</th>
                <th scope="col">{t('admin:staff.topics')}</th>
                <th scope="col">{t('admin:staff.maxConcurrentShort')}</th>
                <th scope="col">{t('admin:staff.status')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('admin:actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.map((account) => (
                <tr key={account.id} data-testid="staff-row">
                  <th scope="row">{account.name}</th>
                  <td>{account.email}</td>
                  <td>{t(`admin:roles.${account.role}`)}</td>
                  <td>{account.languages.map(nativeLanguageName).join(', ')}</td>
                  <td>{topicLabel(account.topics)}</td>
                  <td>{account.maxConcurrent}</td>
                  <td>{account.active ? t('admin:staff.active') : t('admin:staff.inactive')}</td>
                  <td>
                    <button
                      type="button"
                      class="secondary"
                      id={`staff-edit-${account.id}`}
                      onClick={() => setEditingId(account.id)}
                      aria-label={t('admin:staff.editNamed', { name: account.name })}
                    >
                      {t('admin:edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <EditAccount
          key={editing.id}
          account={editing}
          topics={topics}
          isSelf={editing.id === currentUserId}
          announce={announce}
          onChanged={replace}
          onClose={() => {
            setEditingId(null);
            // Back to the row's Edit button, where the keyboard user came from.
            requestAnimationFrame(() => document.getElementById(`staff-edit-${editing.id}`)?.focus());
          }}
        />
      )}
      <section class="panel admin-section" aria-labelledby="staff-new-heading">
        <h2 id="staff-new-heading">{t('admin:staff.newHeading')}</h2>
        <StaffForm topics={topics} onSubmit={create} submitLabel={t('admin:staff.create')} />
      </section>
      <TwoFactorPolicyForm announce={announce} />
    </>
  );
}

interface EditAccountProps {
  account: StaffAccount;
  topics: Topic[];
  isSelf: boolean;
  announce: PageProps['announce'];
  onChanged: (account: StaffAccount) => void;
  onClose: () => void;
}

function EditAccount({ account, topics, isSelf, announce, onChanged, onClose }: EditAccountProps) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const [password, setPassword] = useState('');
  const { error, run } = useRequestError();
  useEffect(() => heading.current?.focus(), []);

  async function save(values: NewAccount) {
    const { name, role, languages, topics: topicIds, maxConcurrent, interpreterLanguages } = values;
    onChanged(await staffApi.update(account.id, { name, role, languages, topics: topicIds, maxConcurrent, interpreterLanguages }));
    announce(t('admin:saved'));
  }

  const setActive = (active: boolean) =>
    run(async () => {
      onChanged(await staffApi.update(account.id, { active }));
      announce(active ? t('admin:staff.reactivated', { name: account.name }) : t('admin:staff.deactivated', { name: account.name }));
    });

  const resetTwoFactor = () =>
    run(async () => {
      await staffApi.resetTwoFactor(account.id);
      announce(t('admin:twoFactor.wasReset', { name: account.name }));
    });

  const resetPassword = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      await staffApi.resetPassword(account.id, password);
      setPassword('');
      announce(t('admin:staff.passwordReset', { name: account.name }));
    });
  };

  return (
    <section class="panel admin-section" aria-labelledby="staff-edit-heading" data-testid="staff-edit">
      <h2 id="staff-edit-heading" ref={heading} tabIndex={-1}>
        {t('admin:staff.editHeading', { name: account.name })}
      </h2>
      <StaffForm account={account} topics={topics} onSubmit={save} submitLabel={t('admin:save')} />
      <form class="admin-form" onSubmit={resetPassword}>
        <div class="field">
          <label for="staff-reset-password">{t('admin:staff.newPassword')}</label>
          <input
            id="staff-reset-password"
            type="password"
            autocomplete="new-password"
            required
            minLength={12}
            aria-describedby="staff-reset-hint"
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
          <p class="hint" id="staff-reset-hint">
            {t('admin:staff.resetHint')}
          </p>
        </div>
        <button type="submit" class="secondary">
          {t('admin:staff.resetPassword')}
        </button>
      </form>
      <ErrorMessage code={error} />
      <div class="button-row">
        <button type="button" class="secondary" data-testid="staff-reset-two-factor" onClick={() => void resetTwoFactor()}>
          {t('admin:twoFactor.reset')}
        </button>
        {!isSelf &&
          (account.active ? (
            <button type="button" class="danger" data-testid="staff-deactivate" onClick={() => void setActive(false)}>
              {t('admin:staff.deactivate')}
            </button>
          ) : (
            <button type="button" class="secondary" onClick={() => void setActive(true)}>
              {t('admin:staff.reactivate')}
            </button>
          ))}
        <button type="button" class="secondary" onClick={onClose}>
          {t('admin:close')}
        </button>
      </div>
    </section>
  );
}
