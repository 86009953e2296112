import { useEffect, useRef, useState } from 'preact/hooks';
import type { UiLanguage } from '../../../shared/languages';
import { HELP_ROUTES, type HelpArticleLink } from '../../../shared/protocol';
import { api } from '../../common/api';
import { languageName } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import { DialogCancel } from '../dialog-cancel';

const RESULTS = 10;

interface HelpArticlePickerProps {
  language: UiLanguage;
  /** The address without ?lang=, for a canned answer: the visitor reads it in their own language. */
  stable?: boolean;
  onInsert: (text: string) => void;
  onClose: () => void;
}

/**
 * Finds the office's published articles in a language and puts a link to one in the message box
 * or a canned answer, as "title: address", which the visitor's chat shows as an article card.
 */
export function HelpArticlePicker({ language, stable = false, onInsert, onClose }: HelpArticlePickerProps) {
  const t = useT();
  const uiLanguage = useLanguage();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [articles, setArticles] = useState<HelpArticleLink[]>([]);
  useEffect(() => dialogRef.current?.showModal(), []);
  useEffect(() => {
    let current = true;
    api(HELP_ROUTES.search, { query: { q: query, language, limit: RESULTS } }).then(
      (result) => current && setArticles(result.articles),
      () => current && setArticles([]),
    );
    return () => {
      current = false;
    };
  }, [query, language]);

  const insert = (article: HelpArticleLink) => {
    const address = stable ? article.url.split('?')[0] : article.url;
    onInsert(`${article.title}: ${window.location.origin}${address}`);
    dialogRef.current?.close();
  };

  return (
    <dialog ref={dialogRef} class="dialog canned-picker" aria-labelledby="help-picker-heading" data-testid="help-picker" onClose={onClose}>
      <h2 id="help-picker-heading">{t('console:help.heading')}</h2>
      <div class="field">
        <label for="help-picker-search">{t('console:help.search', { language: languageName(language, uiLanguage) })}</label>
        <input id="help-picker-search" type="search" autoFocus autocomplete="off" data-testid="help-picker-search" value={query} onInput={(event) => setQuery(event.currentTarget.value)} />
      </div>
      <ul class="plain-list" data-testid="help-picker-results">
        {articles.map((article) => (
          <li key={article.articleId}>
            <span lang={article.language}>{article.title}</span>{' '}
            <button type="button" class="secondary" onClick={() => insert(article)}>
              {t('console:help.insert')}
              <span class="visually-hidden">: {article.title}</span>
            </button>
          </li>
        ))}
      </ul>
      <p role="status" class="hint">
        {t('console:help.count', { count: articles.length })}
      </p>
      <DialogCancel />
    </dialog>
  );
}
