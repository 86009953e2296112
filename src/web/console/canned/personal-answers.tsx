import { useState } from 'preact/hooks';
import { UI_LANGUAGES, type UiLanguage } from '../../../shared/languages';
import type { CannedAnswer } from '../../../shared/protocol';
import { type ApiErrorCode, errorCodeOf } from '../../common/api';
import { errorText } from '../../common/error-text';
import { languageName } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import { InsertArticleLink, withArticleLink } from '../../staff-common/help/insert-article-link';
import { createCannedAnswer, deleteCannedAnswer } from './api';

interface PersonalAnswersProps {
  answers: readonly CannedAnswer[];
  /** The language a new answer starts in: the conversation's. */
  language: UiLanguage;
  onChanged: () => void;
}

/** A consultant's own canned answers: add and remove (the shared set is edited in /admin). */
export function PersonalAnswers({ answers, language, onChanged }: PersonalAnswersProps) {
  const t = useT();
  const uiLanguage = useLanguage();
  const [draft, setDraft] = useState({ language, title: '', body: '' });
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const personal = answers.filter((answer) => answer.scope === 'personal');

  const run = async (action: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await action();
      onChanged();
      return true;
    } catch (error) {
      setFailure(errorCodeOf(error));
      return false;
    }
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (await run(() => createCannedAnswer({ scope: 'personal', ...draft }))) setDraft({ ...draft, title: '', body: '' });
  };

  return (
    <div class="personal-answers" data-testid="personal-answers">
      <h3>{t('console:canned.mine')}</h3>
      {personal.length === 0 ? (
        <p class="empty">{t('console:canned.noneMine')}</p>
      ) : (
        <ul class="personal-list">
          {personal.map((answer) => (
            <li key={answer.id}>
              <span>
                {answer.title} ({languageName(answer.language, uiLanguage)})
              </span>
              <button type="button" class="secondary" onClick={() => run(() => deleteCannedAnswer(answer.id))}>
                {t('console:canned.delete')}
                <span class="visually-hidden"> {answer.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="personal-form" onSubmit={save}>
        <div class="field">
          <label for="canned-new-language">{t('console:canned.language')}</label>
          <select
            id="canned-new-language"
            value={draft.language}
            onChange={(event) => setDraft({ ...draft, language: event.currentTarget.value as UiLanguage })}
          >
            {UI_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {languageName(code, uiLanguage)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="canned-new-title">{t('console:canned.title')}</label>
          <input id="canned-new-title" type="text" required maxLength={80} value={draft.title} onInput={(event) => setDraft({ ...draft, title: event.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="canned-new-body">{t('console:canned.body')}</label>
          <p id="canned-new-body-hint" class="hint">
            {t('console:canned.placeholders')}
          </p>
          <textarea
            id="canned-new-body"
            rows={3}
            required
            aria-describedby="canned-new-body-hint"
            value={draft.body}
            onInput={(event) => setDraft({ ...draft, body: event.currentTarget.value })}
          />
          <InsertArticleLink language={draft.language} onInsert={(link) => setDraft((current) => ({ ...current, body: withArticleLink(current.body, link) }))} />
        </div>
        {failure && (
          <p class="field-error" role="alert">
            {errorText(t, failure)}
          </p>
        )}
        <button type="submit" class="secondary">
          {t('console:canned.save')}
        </button>
      </form>
    </div>
  );
}
