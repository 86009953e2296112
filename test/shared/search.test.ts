import { describe, expect, it } from 'vitest';
import { matchesAllWords, searchWords } from '../../src/shared/search';

describe('search over canned answers', () => {
  it('ignores case and diacritics in Polish, Ukrainian and Russian', () => {
    expect(matchesAllWords(searchWords('zaswiadczenie URZEDZIE'), 'Zaświadczenie', 'Odbiór w Urzędzie')).toBe(true);
    expect(matchesAllWords(searchWords('lodz'), 'Urząd w Łodzi')).toBe(true);
    expect(matchesAllWords(searchWords('ЛИЧНО'), 'Получение лично')).toBe(true);
    expect(matchesAllWords(searchWords('їжа'), 'Їжа')).toBe(true);
  });

  it('needs every word, and an empty query matches everything', () => {
    expect(matchesAllWords(searchWords('karta praca'), 'Karta pobytu')).toBe(false);
    expect(searchWords('   ')).toEqual([]);
    expect(matchesAllWords([], 'anything')).toBe(true);
  });
});
