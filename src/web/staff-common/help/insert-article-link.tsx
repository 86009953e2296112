import { useState } from 'preact/hooks';
import type { UiLanguage } from '../../../shared/languages';
import { useT } from '../../common/i18n';
import { HelpArticlePicker } from './help-article-picker';

/** Adds "title: address" of a help article, on a line of its own, to a canned answer's text. */
export function withArticleLink(body: string, link: string): string {
  const kept = body.trimEnd();
  return kept ? `${kept}\n${link}` : link;
}

/** The canned-answer editors' (console and /admin) "insert article link" action. */
export function InsertArticleLink({ language, onInsert }: { language: UiLanguage; onInsert: (link: string) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="secondary" data-testid="insert-article-link" onClick={() => setOpen(true)}>
        {t('console:help.insertInAnswer')}
      </button>
      {open && <HelpArticlePicker language={language} stable onInsert={onInsert} onClose={() => setOpen(false)} />}
    </>
  );
}
