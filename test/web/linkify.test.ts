import { describe, expect, it } from 'vitest';
import { splitLinks } from '../../src/web/common/linkify';

const link = (text: string, href = text) => ({ kind: 'link', text, href });
const text = (value: string) => ({ kind: 'text', text: value });

describe('splitLinks', () => {
  it('leaves text without addresses alone', () => {
    expect(splitLinks('Proszę o informację.')).toEqual([text('Proszę o informację.')]);
    expect(splitLinks('')).toEqual([]);
  });

  it('finds http and https addresses inside text', () => {
    expect(splitLinks('See https://udsc.gov.pl/en/ and http://example.pl')).toEqual([
      text('See '),
      link('https://udsc.gov.pl/en/'),
      text(' and '),
      link('http://example.pl', 'http://example.pl/'),
    ]);
  });

  it('does not swallow the punctuation that ends a sentence', () => {
    expect(splitLinks('Formularz: https://www.gov.pl/web/udsc/wnioski.')).toEqual([
      text('Formularz: '),
      link('https://www.gov.pl/web/udsc/wnioski'),
      text('.'),
    ]);
    expect(splitLinks('(https://mos.cudzoziemcy.gov.pl)')).toEqual([
      text('('),
      link('https://mos.cudzoziemcy.gov.pl', 'https://mos.cudzoziemcy.gov.pl/'),
      text(')'),
    ]);
  });

  it('keeps a bracket that belongs to the address', () => {
    expect(splitLinks('https://en.wikipedia.org/wiki/Karta_Polaka_(document).')).toEqual([
      link('https://en.wikipedia.org/wiki/Karta_Polaka_(document)'),
      text('.'),
    ]);
  });

  it('keeps query strings and fragments', () => {
    const url = 'https://example.gov.pl/search?q=karta+pobytu&lang=uk#results';
    expect(splitLinks(url)).toEqual([link(url)]);
  });

  it('never links other schemes or markup', () => {
    expect(splitLinks('javascript:alert(1)')).toEqual([text('javascript:alert(1)')]);
    expect(splitLinks('<a href="https://evil.example">x</a>')).toEqual([
      text('<a href="'),
      link('https://evil.example', 'https://evil.example/'),
      text('">x</a>'),
    ]);
  });

  it('leaves a bare scheme as text', () => {
    expect(splitLinks('http:// is the start')).toEqual([text('http:// is the start')]);
  });
});
