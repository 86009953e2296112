/**
 * Message text as text: never HTML. Web addresses become links that cannot reach back into this
 * page (noopener) nor tell the target where the reader came from (noreferrer).
 */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_CANDIDATE = /https?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the address: "see https://x.pl/a." */
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;

export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let textStart = 0;
  for (const match of text.matchAll(URL_CANDIDATE)) {
    const candidate = trimTrailing(match[0]);
    const href = safeHref(candidate);
    if (!href) continue;
    if (match.index > textStart) parts.push({ kind: 'text', text: text.slice(textStart, match.index) });
    parts.push({ kind: 'link', text: candidate, href });
    textStart = match.index + candidate.length;
  }
  if (textStart < text.length) parts.push({ kind: 'text', text: text.slice(textStart) });
  return parts;
}

/** Drops trailing punctuation, but keeps a closing bracket that the address itself opened. */
function trimTrailing(candidate: string): string {
  let url = candidate.replace(TRAILING_PUNCTUATION, '');
  const tail = candidate.slice(url.length);
  for (const char of tail) {
    const opener = char === ')' ? '(' : char === ']' ? '[' : char === '}' ? '{' : null;
    if (!opener || count(url, opener) <= count(url, char)) break;
    url += char;
  }
  return url;
}

const count = (text: string, char: string) => text.split(char).length - 1;

function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function Linkified({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((part, index) =>
        part.kind === 'text' ? (
          part.text
        ) : (
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        ),
      )}
    </>
  );
}
