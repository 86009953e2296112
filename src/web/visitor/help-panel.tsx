/**
 * One help article beside the chat (full screen on a phone). A modal dialog: focus moves to its
 * close button, Escape closes it, and focus returns to the card that opened it.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { HelpArticleView } from '../../shared/wire/help';
import { languageName } from '../common/format';
import { useLanguage, useT } from '../common/i18n';
import './help-panel.css';

export function HelpPanel({ article, onClose }: { article: HelpArticleView; onClose: () => void }) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  const shownIn = languageName(article.language, useLanguage());

  return (
    <dialog ref={dialogRef} class="help-panel" aria-labelledby="help-panel-title" data-testid="help-panel" onClose={onClose}>
      <div class="help-panel__bar">
        <p class="help-panel__topic">{article.topicName}</p>
        <button type="button" class="button button--small" autoFocus data-testid="help-panel-close" onClick={() => dialogRef.current?.close()}>
          {t('visitor:helpCard.close')}
        </button>
      </div>
      {article.fallback && <p class="notice">{t('common:help.fallback', { language: shownIn })}</p>}
      <article lang={article.language}>
        <h2 id="help-panel-title">{article.title}</h2>
        <p class="help-panel__meta">
          {t('common:help.language', { language: shownIn })}
          {article.reviewedOn && <> · {t('common:help.reviewed', { date: article.reviewedOn })}</>}
        </p>
        {/* Sanitised on the server from the office's safe Markdown subset. */}
        <div class="help-panel__body" dangerouslySetInnerHTML={{ __html: article.html }} />
      </article>
      <p>
        <a href={article.url} target="_blank" rel="noopener">
          {t('visitor:helpCard.openPage')}
          <span class="visually-hidden"> {t('common:help.opensInNewTab')}</span>
        </a>
      </p>
    </dialog>
  );
}
