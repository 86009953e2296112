/**
 * What the knowledge base indexes and asks for, computed here so that SQLite and PostgreSQL see
 * the same words: case and diacritics folded ("pracę" → "prace", "Łódź" → "lodz"), and everything
 * that is not a letter or a digit a space. A query word is cut to a stem and matched as a prefix,
 * a cheap stand-in for the inflection of Polish, Ukrainian and Russian: "zezwolenia" and
 * "zezwolenie" share "zezwolen", "praca" and "pracę" share "prac".
 */
import { fold } from '../../shared/search';

/** Longer words lose up to this many letters of ending… */
const ENDING_LETTERS = 2;
/** …but keep at least this many, so a query word never becomes a stem that matches everything. */
const SHORTEST_STEM = 4;
/** More words than this in a query add nothing but time. */
const MOST_QUERY_WORDS = 8;

/** The text's words, folded, separated by single spaces. */
export function searchText(text: string): string {
  return words(text).join(' ');
}

/** The stems to look for, each once; none for a query of only punctuation. */
export function queryStems(query: string): string[] {
  const stems = words(query).map((word) => (word.length > SHORTEST_STEM ? word.slice(0, Math.max(SHORTEST_STEM, word.length - ENDING_LETTERS)) : word));
  return [...new Set(stems)].slice(0, MOST_QUERY_WORDS);
}

function words(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}
