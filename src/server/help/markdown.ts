/**
 * The Markdown an office writes its articles in, rendered once when stored. markdown-it's "zero"
 * preset with only headings, lists, links, bold and italics switched on: raw HTML is escaped
 * (html: false), images are not parsed at all (no rule for them), and a link is kept only with a
 * scheme a visitor can safely follow — no javascript:, data: or vbscript:.
 */
import MarkdownIt from 'markdown-it';

const SAFE_LINK = /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i;
/** The article's title is the page's h1: the body's headings start one level below. */
const HEADING_SHIFT = 1;

const markdown = new MarkdownIt('zero', { html: false, linkify: false, typographer: false, breaks: false }).enable([
  'heading',
  'lheading',
  'list',
  'link',
  'emphasis',
  'escape',
  'entity',
  'newline',
]);

markdown.validateLink = (url) => SAFE_LINK.test(url.trim());

markdown.renderer.rules.heading_open = (tokens, index) => `<h${shiftedLevel(tokens[index]!.tag)}>`;
markdown.renderer.rules.heading_close = (tokens, index) => `</h${shiftedLevel(tokens[index]!.tag)}>\n`;

const renderLinkOpen = markdown.renderer.renderToken.bind(markdown.renderer);
markdown.renderer.rules.link_open = (tokens, index, options) => {
  const token = tokens[index]!;
  if (/^https?:/i.test(String(token.attrGet('href') ?? ''))) token.attrSet('rel', 'noopener noreferrer');
  return renderLinkOpen(tokens, index, options);
};

function shiftedLevel(tag: string): number {
  return Math.min(6, Number(tag.slice(1)) + HEADING_SHIFT);
}

/** Sanitised HTML of the subset; anything else comes out as escaped text. */
export function renderArticleMarkdown(source: string): string {
  return markdown.render(source);
}
