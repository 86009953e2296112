/**
 * A link to one of this desk's help articles in a consultant's message becomes a card (title,
 * topic); activating it opens the article in a panel beside the chat. The panel is a chunk of its
 * own, fetched on the first opening, and the chat under it stays as it is, draft included.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { HELP_ROUTES, type HelpArticleView } from '../../shared/wire/help';
import { api } from '../common/api';
import { useLanguage, useT } from '../common/i18n';
import { splitLinks } from '../common/linkify';
import './help-card.css';

interface HelpPlace {
  topic: string;
  slug: string;
}

const HELP_ARTICLE_PATH = /^\/help\/([a-z0-9_-]{1,40})\/([a-z0-9-]{1,80})\/?$/;

/** The articles of this desk (same origin, /help/<topic>/<slug>) the text links to, each once. */
export function helpArticlesIn(text: string, origin: string): HelpPlace[] {
  const places = new Map<string, HelpPlace>();
  for (const part of splitLinks(text)) {
    if (part.kind !== 'link') continue;
    const url = new URL(part.href);
    const match = url.origin === origin ? HELP_ARTICLE_PATH.exec(url.pathname) : null;
    if (match) places.set(`${match[1]}/${match[2]}`, { topic: match[1]!, slug: match[2]! });
  }
  return [...places.values()];
}

export function HelpCards({ text }: { text: string }) {
  const places = helpArticlesIn(text, window.location.origin);
  return (
    <>
      {places.map((place) => (
        <HelpCard key={`${place.topic}/${place.slug}`} place={place} />
      ))}
    </>
  );
}

type HelpPanelModule = typeof import('./help-panel');

function HelpCard({ place }: { place: HelpPlace }) {
  const t = useT();
  const language = useLanguage();
  const openerRef = useRef<HTMLButtonElement>(null);
  const [article, setArticle] = useState<HelpArticleView | null>(null);
  const [panel, setPanel] = useState<HelpPanelModule | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let current = true;
    api(HELP_ROUTES.article, { params: { topic: place.topic, slug: place.slug }, query: { language } }).then(
      (found) => current && setArticle(found),
      () => current && setArticle(null), // a card only for an article that exists; the link stays in the text
    );
    return () => {
      current = false;
    };
  }, [place.topic, place.slug, language]);
  if (!article) return null;

  const openPanel = () => {
    import('./help-panel').then((module) => {
      setPanel(() => module);
      setOpen(true);
    }, () => window.open(article.url, '_blank', 'noopener'));
  };
  const closePanel = () => {
    setOpen(false);
    openerRef.current?.focus();
  };

  return (
    <div class="help-card" data-testid="help-card">
      <p class="help-card__topic">{article.topicName}</p>
      <button ref={openerRef} type="button" class="help-card__open" aria-haspopup="dialog" onClick={openPanel}>
        <span lang={article.language}>{article.title}</span>
        <span class="visually-hidden"> {t('visitor:helpCard.open')}</span>
      </button>
      {open && panel && <panel.HelpPanel article={article} onClose={closePanel} />}
    </div>
  );
}
