import { describe, expect, it } from 'vitest';
import { helpArticlesIn } from '../../src/web/visitor/help-card';
import { withArticleLink } from '../../src/web/staff-common/help/insert-article-link';

const ORIGIN = 'https://desk.example.gov';

describe('helpArticlesIn', () => {
  it('finds links to this desk’s articles, each once, with or without a language', () => {
    const text = `How to book a call: ${ORIGIN}/help/office/how-to-book-a-call?lang=en. Again: ${ORIGIN}/help/office/how-to-book-a-call and ${ORIGIN}/help/work/permits/`;
    expect(helpArticlesIn(text, ORIGIN)).toEqual([
      { topic: 'office', slug: 'how-to-book-a-call' },
      { topic: 'work', slug: 'permits' },
    ]);
  });

  it('ignores other sites, the help index and deeper paths', () => {
    const text = `https://evil.example/help/office/how-to-book-a-call ${ORIGIN}/help ${ORIGIN}/help/office/x/feedback ${ORIGIN}/help/Office/X`;
    expect(helpArticlesIn(text, ORIGIN)).toEqual([]);
  });
});

describe('withArticleLink', () => {
  it('puts the link on a line of its own after the answer’s text, or alone in an empty answer', () => {
    expect(withArticleLink('Book here:  \n', 'Booking: https://x/help/a/b')).toBe('Book here:\nBooking: https://x/help/a/b');
    expect(withArticleLink('', 'Booking: https://x/help/a/b')).toBe('Booking: https://x/help/a/b');
  });
});
