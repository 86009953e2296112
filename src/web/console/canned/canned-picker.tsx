import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CannedAnswer } from '../../../shared/protocol';
import type { UiLanguage } from '../../../shared/languages';
import { matchesAllWords, searchWords } from '../../../shared/search';
import { type ApiErrorCode, errorCodeOf } from '../../common/api';
import { errorText } from '../../common/error-text';
import { languageName } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import { fetchCannedAnswers } from './api';
import { PersonalAnswers } from './personal-answers';
import { fillPlaceholders, type PlaceholderValues } from './placeholders';
import { DialogCancel } from '../../staff-common/dialog-cancel';

interface CannedPickerProps {
  /** The conversation's language: its answers are offered first. */
  language: UiLanguage;
  values: PlaceholderValues;
  /** Admins edit the shared answers in /admin: the empty state links them there. */
  editsShared: boolean;
  onInsert: (text: string) => void;
  onClose: () => void;
}

type Loaded = { status: 'loading' } | { status: 'failed'; code: ApiErrorCode } | { status: 'ready'; answers: CannedAnswer[] };

/**
 * Search the canned answers and put one into the message box: type to filter, arrows to move,
 * Enter to insert, Esc to go back. A modal <dialog> keeps focus inside; the search box stays
 * focused while the active answer moves (aria-activedescendant), as in a combobox.
 */
export function CannedPicker({ language, values, editsShared, onInsert, onClose }: CannedPickerProps) {
  const t = useT();
  const uiLanguage = useLanguage();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [query, setQuery] = useState('');
  const [allLanguages, setAllLanguages] = useState(false);
  const [active, setActive] = useState(0);
  const [managing, setManaging] = useState(false);

  const load = () =>
    fetchCannedAnswers().then(
      (answers) => setLoaded({ status: 'ready', answers }),
      (error: unknown) => setLoaded({ status: 'failed', code: errorCodeOf(error) }),
    );
  useEffect(() => {
    dialogRef.current?.showModal();
    void load();
  }, []);

  const found = useMemo(() => {
    if (loaded.status !== 'ready') return [];
    const words = searchWords(query);
    return loaded.answers
      .filter((answer) => allLanguages || answer.language === language)
      .filter((answer) => matchesAllWords(words, answer.title, answer.body));
  }, [loaded, query, allLanguages, language]);
  const activeIndex = Math.min(active, Math.max(found.length - 1, 0));
  const activeAnswer = found[activeIndex];

  const choose = (answer: CannedAnswer | undefined) => {
    if (!answer) return;
    onInsert(fillPlaceholders(answer.body, values));
    dialogRef.current?.close();
  };

  const onSearchKey = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0) {
      event.preventDefault();
      setActive(Math.min(Math.max(activeIndex + step, 0), Math.max(found.length - 1, 0)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(activeAnswer);
    }
  };

  return (
    <dialog ref={dialogRef} class="dialog canned-picker" aria-labelledby="canned-heading" data-testid="canned-picker" onClose={onClose}>
      <h2 id="canned-heading">{t('console:canned.heading')}</h2>
      <div class="field">
        <label for="canned-search">{t('console:canned.search')}</label>
        <input
          id="canned-search"
          type="text"
          role="combobox"
          autoFocus
          autocomplete="off"
          aria-expanded="true"
          aria-controls="canned-results"
          aria-activedescendant={activeAnswer ? `canned-${activeAnswer.id}` : undefined}
          aria-describedby="canned-hint"
          data-testid="canned-search"
          value={query}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={onSearchKey}
        />
        <p id="canned-hint" class="hint">
          {t('console:canned.hint')}
        </p>
      </div>
      <label class="check">
        <input type="checkbox" checked={allLanguages} onChange={(event) => setAllLanguages(event.currentTarget.checked)} />
        {t('console:canned.allLanguages', { language: languageName(language, uiLanguage) })}
      </label>
      {loaded.status === 'loading' && <p role="status">{t('console:canned.loading')}</p>}
      {loaded.status === 'failed' && <p role="alert">{errorText(t, loaded.code)}</p>}
      {loaded.status === 'ready' && loaded.answers.length === 0 && <NoAnswers editsShared={editsShared} />}
      {loaded.status === 'ready' && loaded.answers.length > 0 && !allLanguages && !loaded.answers.some((answer) => answer.language === language) && (
        <p class="hint" data-testid="canned-none-in-language">
          {t('console:canned.noneInLanguage', { language: languageName(language, uiLanguage) })}
        </p>
      )}
      <ul id="canned-results" role="listbox" class="canned-results" aria-label={t('console:canned.results')} data-testid="canned-results">
        {found.map((answer, index) => (
          <li
            key={answer.id}
            id={`canned-${answer.id}`}
            role="option"
            aria-selected={index === activeIndex}
            class="canned-option"
            data-testid="canned-option"
            onClick={() => choose(answer)}
          >
            <span class="canned-title">{answer.title}</span>{' '}
            <span class="canned-meta">
              {t(`console:canned.scope.${answer.scope}`)} · {languageName(answer.language, uiLanguage)}
            </span>
            <span class="canned-preview">{fillPlaceholders(answer.body, values)}</span>
          </li>
        ))}
      </ul>
      <p role="status" class="hint">
        {loaded.status === 'ready' ? t('console:canned.count', { count: found.length }) : ''}
      </p>
      <button type="button" class="link-button" aria-expanded={managing} data-testid="manage-canned" onClick={() => setManaging(!managing)}>
        {t('console:canned.manage')}
      </button>
      {managing && loaded.status === 'ready' && <PersonalAnswers answers={loaded.answers} language={language} onChanged={load} />}
      <DialogCancel />
    </dialog>
  );
}

/** What canned answers are and where they come from, while there are none at all. */
function NoAnswers({ editsShared }: { editsShared: boolean }) {
  const t = useT();
  return (
    <div class="canned-empty" data-testid="canned-empty">
      <p>{t('console:canned.emptyWhat')}</p>
      <p>{t('console:canned.emptyMine')}</p>
      {editsShared ? (
        <p>
          {t('console:canned.emptySharedAdmin')} <a href="/admin/#canned">{t('console:canned.emptySharedLink')}</a>
        </p>
      ) : (
        <p>{t('console:canned.emptyShared')}</p>
      )}
    </div>
  );
}
