import { describe, expect, it } from 'vitest';
import { helpArticlesIn } from '../../src/web/visitor/help-card';

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
