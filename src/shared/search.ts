/**
 * Search over short texts (canned answers) that works alike in the browser and on the server:
 * case and diacritics are ignored, so "zaswiadczenie" finds "Zaświadczenie", "lodz" "Łódź" and "лично" "ЛИЧНО".
 */
export function fold(text: string): string {
  // "ł" is a letter of its own in Unicode, not "l" with a mark: it is mapped by hand.
  return text.toLocaleLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '').replace(/ł/g, 'l');
}

/** The query's words, folded; an empty list matches everything. */
export function searchWords(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

/** True when every word occurs somewhere in the texts. */
export function matchesAllWords(words: readonly string[], ...texts: string[]): boolean {
  const haystack = fold(texts.join('\n'));
  return words.every((word) => haystack.includes(word));
}
