import { describe, expect, it } from 'vitest';
import { renderArticleMarkdown } from '../../../src/server/help/markdown';
import { queryStems, searchText } from '../../../src/server/help/search-text';

describe('the article Markdown subset', () => {
  it('renders headings (below the page title), lists, links and bold', () => {
    expect(renderArticleMarkdown('# Documents\n\n- a **passport**\n- [the form](https://example.gov.pl/form)\n\nSee [hours](/help/office/hours).')).toBe(
      '<h2>Documents</h2>\n<ul>\n<li>a <strong>passport</strong></li>\n<li><a href="https://example.gov.pl/form" rel="noopener noreferrer">the form</a></li>\n</ul>\n<p>See <a href="/help/office/hours">hours</a>.</p>\n',
    );
  });

  it('escapes raw HTML, so no script or event handler survives', () => {
    const html = renderArticleMarkdown('<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> <b onclick="x()">b</b>');
    expect(html).not.toMatch(/<script|<img|<b /);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('drops javascript:, data:, vbscript: and protocol-relative links', () => {
    const html = renderArticleMarkdown('[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html;base64,PHNjcmlwdD4=) [d](vbscript:x) [e](//evil.example/x)');
    expect(html).not.toContain('href');
  });

  it('shows no image, from any origin or a data URL', () => {
    const html = renderArticleMarkdown('![track](https://evil.example/track.png) ![inline](data:image/png;base64,iVBORw0KGgo=)');
    expect(html).not.toMatch(/<img|src=|href="data:/);
  });
});

describe('search text', () => {
  it('folds case and diacritics and keeps only words', () => {
    expect(searchText('Zezwolenie na PRACĘ — Łódź, 2026!')).toBe('zezwolenie na prace lodz 2026');
    expect(searchText('Дозвіл на роботу: їжа')).toBe('дозвіл на роботу іжа');
  });

  it('cuts query words to stems that other forms of the word share', () => {
    expect(queryStems('zezwolenia')).toEqual(queryStems('zezwolenie'));
    expect(queryStems('praca pracę')).toEqual(['prac']);
    expect(queryStems('na  ,  ')).toEqual(['na']);
  });
});
