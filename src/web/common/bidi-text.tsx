/**
 * Names and numbers inside a translated sentence, each in its own `<bdi>`: in Arabic a Latin-script
 * name such as "Anna Nowak" or a number next to punctuation would otherwise pull the neighbouring
 * words into its own direction and scramble the sentence.
 */

export interface TextPart {
  text: string;
  /** One of the values, to be shown in a `<bdi>`. */
  isolated: boolean;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` cut at every occurrence of the values (longest first), which are marked isolated. */
export function isolateParts(text: string, values: readonly (string | number | null | undefined)[]): TextPart[] {
  const wanted = [...new Set(values.filter((value) => value !== null && value !== undefined).map(String))]
    .filter((value) => value !== '')
    .sort((a, b) => b.length - a.length);
  if (!wanted.length) return [{ text, isolated: false }];
  // A capture group makes split keep the matches: they are the odd parts.
  return text
    .split(new RegExp(`(${wanted.map(escapeRegExp).join('|')})`))
    .map((part, index) => ({ text: part, isolated: index % 2 === 1 }))
    .filter((part) => part.text !== '');
}

export function BidiText({ text, values }: { text: string; values: readonly (string | number | null | undefined)[] }) {
  return (
    <>
      {isolateParts(text, values).map((part, index) => (part.isolated ? <bdi key={index}>{part.text}</bdi> : part.text))}
    </>
  );
}
