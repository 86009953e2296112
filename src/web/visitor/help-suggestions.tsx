/**
 * Up to three of the office's articles matching what the visitor is writing, beside the start and
 * leave-a-message forms. Never in the way: nothing blocks sending, a failed search shows nothing,
 * and an article opens in a new tab, so the text typed here stays as it is.
 */
import { useEffect, useState } from 'preact/hooks';
import type { HelpArticleLink } from '../../shared/wire/help';
import { useLanguage, useT } from '../common/i18n';

/** Fewer letters than this match too much to help. */
const SHORTEST_QUESTION = 3;
/** Waits for a pause in typing before asking. */
const TYPING_PAUSE_MS = 300;

export function HelpSuggestions({ text, topic }: { text: string; topic: string }) {
  const t = useT();
  const language = useLanguage();
  const [articles, setArticles] = useState<HelpArticleLink[]>([]);
  useEffect(() => {
    const q = text.trim();
    if (q.length < SHORTEST_QUESTION) {
      setArticles([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      import('./help-search')
        .then(({ suggestArticles }) => suggestArticles(q, language, topic))
        .then((found) => current && setArticles(found), () => current && setArticles([]));
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, topic, language]);

  return (
    <div class="help-suggestions" aria-live="polite" data-testid="help-suggestions">
      {articles.length > 0 && (
        <>
          <p class="help-suggestions__title">{t('common:help.suggestions')}</p>
          <ul>
            {articles.map((article) => (
              <li key={article.articleId} lang={article.language}>
                <a href={article.url} target="_blank" rel="noopener">
                  {article.title}
                  <span class="visually-hidden"> {t('common:help.opensInNewTab')}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The help pages' address in the visitor's language. */
export function HelpLink() {
  const t = useT();
  const language = useLanguage();
  return (
    <p class="help-link">
      <a href={`/help?lang=${language}`}>{t('common:help.browse')}</a>
    </p>
  );
}
