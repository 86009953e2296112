/**
 * The visitor's help pages as plain HTML: they work without JavaScript, load one small style
 * sheet and nothing else, and say in `lang` which language each part is in (an article shown in
 * the office's default language instead of the visitor's carries its own `lang`).
 */
import { UI_LANGUAGES, type UiLanguage } from '../../shared/languages';
import { translator } from '../i18n';
import { helpArticleUrl, type HelpPage } from './service';
import type { PublishedHelpVersion } from './types';

export interface HelpTopicGroup {
  name: string;
  articles: PublishedHelpVersion[];
}

interface Layout {
  language: UiLanguage;
  languages: readonly UiLanguage[];
  title: string;
  /** The same page in another language: the path with ?lang= added. */
  path: string;
  query?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

function page(layout: Layout, main: string): string {
  const t = translator(layout.language);
  const otherLanguages = layout.languages
    .filter((language) => language !== layout.language)
    .map((language) => `<li><a href="${escapeHtml(`${layout.path}?lang=${language}`)}" lang="${language}" hreflang="${language}">${escapeHtml(translator(language)('languageName'))}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="${layout.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(layout.title)} · ${escapeHtml(t('help.title'))}</title>
<link rel="stylesheet" href="/help/help.css">
</head>
<body>
<header class="help-header">
<a href="/help?lang=${layout.language}" class="help-home">${escapeHtml(t('help.title'))}</a>
<nav aria-label="${escapeHtml(t('help.otherLanguages'))}"><ul class="help-languages">${otherLanguages}</ul></nav>
<form role="search" action="/help" method="get" class="help-search">
<input type="hidden" name="lang" value="${layout.language}">
<label for="help-q">${escapeHtml(t('help.searchLabel'))}</label>
<input id="help-q" name="q" type="search" value="${escapeHtml(layout.query ?? '')}" maxlength="200">
<button type="submit">${escapeHtml(t('help.searchButton'))}</button>
</form>
</header>
<main id="main">
${main}
</main>
<footer class="help-footer"><a href="/?lang=${layout.language}">${escapeHtml(t('help.backToDesk'))}</a></footer>
</body>
</html>`;
}

function articleList(articles: PublishedHelpVersion[]): string {
  const items = articles.map((article) => `<li><a href="${escapeHtml(helpArticleUrl(article, article.language))}">${escapeHtml(article.title)}</a></li>`);
  return `<ul class="help-articles">${items.join('')}</ul>`;
}

export function renderHelpIndex(layout: Omit<Layout, 'title' | 'path'>, groups: HelpTopicGroup[], results?: PublishedHelpVersion[]): string {
  const t = translator(layout.language);
  const searched =
    results === undefined
      ? ''
      : `<section aria-labelledby="help-results"><h2 id="help-results">${escapeHtml(t('help.results', { query: layout.query ?? '' }))}</h2>${
          results.length ? articleList(results) : `<p>${escapeHtml(t('help.noResults'))}</p>`
        }</section>`;
  const topics = groups.length
    ? groups.map((group, index) => `<section aria-labelledby="help-topic-${index}"><h2 id="help-topic-${index}">${escapeHtml(group.name)}</h2>${articleList(group.articles)}</section>`).join('\n')
    : `<p>${escapeHtml(t('help.empty'))}</p>`;
  return page({ ...layout, title: t('help.title'), path: '/help' }, `<h1>${escapeHtml(t('help.title'))}</h1>\n<p>${escapeHtml(t('help.intro'))}</p>\n${searched}\n${topics}`);
}

export function renderHelpArticle(layout: Omit<Layout, 'title' | 'path' | 'query'>, article: HelpPage, topicName: string, thanks: boolean): string {
  const t = translator(layout.language);
  const version = article.version;
  const shownIn = translator(version.language as UiLanguage)('languageName');
  const notice = article.fallback ? `<p class="help-notice" role="note">${escapeHtml(t('help.fallback', { language: shownIn }))}</p>` : '';
  const reviewed = version.reviewed_on ? `<p class="help-meta">${escapeHtml(t('help.reviewed', { date: version.reviewed_on }))}</p>` : '';
  const path = `/help/${article.topic}/${article.slug}`;
  const feedback = thanks
    ? `<p class="help-thanks" role="status">${escapeHtml(t('help.thanks'))}</p>`
    : `<form method="post" action="${escapeHtml(path)}/feedback" class="help-feedback">
<fieldset><legend>${escapeHtml(t('help.helpfulQuestion'))}</legend>
<input type="hidden" name="language" value="${version.language}">
<button type="submit" name="helpful" value="yes">${escapeHtml(t('help.helpfulYes'))}</button>
<button type="submit" name="helpful" value="no">${escapeHtml(t('help.helpfulNo'))}</button>
</fieldset></form>`;
  const main = `<p class="help-topic"><a href="/help?lang=${layout.language}">${escapeHtml(t('help.title'))}</a> › ${escapeHtml(topicName)}</p>
${notice}
<article lang="${version.language}">
<h1>${escapeHtml(version.title)}</h1>
<p class="help-meta">${escapeHtml(t('help.language', { language: shownIn }))}</p>
${reviewed}
${version.body_html}
</article>
${feedback}`;
  return page({ ...layout, title: version.title, path }, main);
}

/** Every language the help is offered in, the desk's own first. */
export function helpLanguages(deskLanguages: readonly UiLanguage[]): readonly UiLanguage[] {
  return [...deskLanguages, ...UI_LANGUAGES.filter((language) => !deskLanguages.includes(language))];
}

export const HELP_STYLES = `body{font-family:system-ui,sans-serif;line-height:1.5;margin:0 auto;max-width:44rem;padding:1rem;color:#1a1a1a;background:#fff}
a{color:#0b4fa3}a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #0b4fa3;outline-offset:2px}
.help-header{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;border-bottom:1px solid #767676;padding-bottom:.75rem}
.help-home{font-weight:bold}.help-languages{display:flex;gap:.75rem;list-style:none;margin:0;padding:0}
.help-search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
input,button{font:inherit;padding:.4rem .6rem;border:1px solid #595959;border-radius:4px}button{background:#0b4fa3;color:#fff;border-color:#0b4fa3;cursor:pointer}
.help-notice{background:#fff4ce;border:1px solid #8a6d00;padding:.5rem .75rem}.help-meta,.help-topic{color:#4a4a4a;margin:.25rem 0}
.help-feedback fieldset{border:1px solid #767676;display:flex;gap:.5rem;flex-wrap:wrap}.help-footer{margin-top:2rem;border-top:1px solid #767676;padding-top:.75rem}`;
