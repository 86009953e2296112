import { useEffect, useState } from 'preact/hooks';
import { UI_LANGUAGES, type UiLanguage } from '../../shared/languages';
import type { CannedAnswer, CannedAnswerUpdate } from '../../shared/protocol';
import { errorCodeOf } from '../common/api';
import { nativeLanguageName } from '../common/format';
import { useT } from '../common/i18n';
import { InsertArticleLink, withArticleLink } from '../staff-common/help/insert-article-link';
import { sharedCannedApi } from './admin-api';
import { ErrorMessage, Loading, PageHeading, type PageProps, useRequestError } from './pages';

/** The shared set of canned answers, which every consultant can insert (src/server/canned). */
export function CannedPage({ announce, focusHeading }: PageProps) {
  const t = useT();
  const [answers, setAnswers] = useState<CannedAnswer[] | null>(null);
  const { error, setError, run } = useRequestError();
  const [editingId, setEditingId] = useState<string | null>(null);
  const [confirmingId, setConfirmingId] = useState<string | null>(null);

  useEffect(() => {
    sharedCannedApi.list().then(setAnswers, (failure: unknown) => setError(errorCodeOf(failure)));
  }, []);

  const create = async (answer: CannedAnswerUpdate) => {
    const created = await sharedCannedApi.create(answer);
    setAnswers((list) => [...(list ?? []), created]);
    announce(t('admin:canned.created', { title: created.title }));
  };

  const update = async (id: string, answer: CannedAnswerUpdate) => {
    const updated = await sharedCannedApi.update(id, answer);
    setAnswers((list) => (list ?? []).map((item) => (item.id === id ? updated : item)));
    setEditingId(null);
    announce(t('admin:saved'));
  };

  const remove = (answer: CannedAnswer) =>
    run(async () => {
      await sharedCannedApi.remove(answer.id);
      setAnswers((list) => (list ?? []).filter((item) => item.id !== answer.id));
      setConfirmingId(null);
      announce(t('admin:canned.deleted', { title: answer.title }));
    });

  return (
    <>
      <PageHeading focus={focusHeading}>{t('admin:nav.canned')}</PageHeading>
      <p class="hint">{t('admin:canned.intro')}</p>
      <ErrorMessage code={error} />
      {answers === null && !error && <Loading />}
      {answers && answers.length === 0 && <p>{t('admin:canned.empty')}</p>}
      {answers && answers.length > 0 && (
        <ul class="plain-list" data-testid="canned-list">
          {answers.map((answer) => (
            <li key={answer.id} class="panel admin-section">
              {editingId === answer.id ? (
                <CannedForm idPrefix={`canned-${answer.id}`} initial={answer} submitLabel={t('admin:save')} onSubmit={(change) => update(answer.id, change)} />
              ) : (
                <>
                  <h2>
                    {answer.title} <span class="muted">({nativeLanguageName(answer.language)})</span>
                  </h2>
                  <p class="canned-body" lang={answer.language}>
                    {answer.body}
                  </p>
                </>
              )}
              <div class="button-row">
                {editingId !== answer.id && (
                  <button type="button" class="secondary" onClick={() => setEditingId(answer.id)}>
                    {t('admin:edit')}
                    <span class="visually-hidden">: {answer.title}</span>
                  </button>
                )}
                {confirmingId === answer.id ? (
                  <>
                    <button type="button" class="danger" onClick={() => void remove(answer)}>
                      {t('admin:canned.confirmDelete', { title: answer.title })}
                    </button>
                    <button type="button" class="secondary" onClick={() => setConfirmingId(null)}>
                      {t('admin:cancel')}
                    </button>
                  </>
                ) : (
                  <button type="button" class="secondary" onClick={() => setConfirmingId(answer.id)}>
                    {t('admin:remove')}
                    <span class="visually-hidden">: {answer.title}</span>
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <section class="panel admin-section" aria-labelledby="canned-new-heading">
        <h2 id="canned-new-heading">{t('admin:canned.newHeading')}</h2>
        <CannedForm idPrefix="canned-new" submitLabel={t('admin:canned.create')} onSubmit={create} resetAfter />
      </section>
    </>
  );
}

interface CannedFormProps {
  idPrefix: string;
  initial?: CannedAnswerUpdate;
  submitLabel: string;
  onSubmit: (answer: CannedAnswerUpdate) => Promise<void>;
  resetAfter?: boolean;
}

function CannedForm({ idPrefix, initial, submitLabel, onSubmit, resetAfter = false }: CannedFormProps) {
  const t = useT();
  const [language, setLanguage] = useState<UiLanguage>(initial?.language ?? 'pl');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [body, setBody] = useState(initial?.body ?? '');
  const { error, run } = useRequestError();

  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      await onSubmit({ language, title: title.trim(), body: body.trim() });
      if (resetAfter) {
        setTitle('');
        setBody('');
      }
    });
  };

  return (
    <form class="admin-form" onSubmit={submit} data-testid={`${idPrefix}-form`}>
      <div class="field">
        <label for={`${idPrefix}-language`}>{t('admin:canned.language')}</label>
        <select id={`${idPrefix}-language`} value={language} onChange={(event) => setLanguage(event.currentTarget.value as UiLanguage)}>
          {UI_LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {nativeLanguageName(code)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${idPrefix}-title`}>{t('admin:canned.title')}</label>
        <input id={`${idPrefix}-title`} required maxLength={80} value={title} onInput={(event) => setTitle(event.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={`${idPrefix}-body`}>{t('admin:canned.body')}</label>
        <textarea
          id={`${idPrefix}-body`}
          required
          rows={4}
          lang={language}
          aria-describedby={`${idPrefix}-body-hint`}
          value={body}
          onInput={(event) => setBody(event.currentTarget.value)}
        />
        <p class="hint" id={`${idPrefix}-body-hint`}>
          {t('admin:canned.placeholders')}
        </p>
        <InsertArticleLink language={language} onInsert={(link) => setBody((current) => withArticleLink(current, link))} />
      </div>
      <ErrorMessage code={error} />
      <button type="submit">{submitLabel}</button>
    </form>
  );
}
