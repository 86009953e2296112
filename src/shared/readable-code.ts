/**
 * Short codes people read aloud, copy by hand and type on another device: a left message's
 * reference and a conversation's case code, both `EK-` and two groups of four, e.g. EK-7K3Q-9PXD.
 */

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L): 31 of them. */
export const READABLE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const READABLE_CODE_GROUPS = 2;
export const READABLE_GROUP_LENGTH = 4;
export const READABLE_CODE_PATTERN = /^EK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

const PREFIX = 'EK';
const BODY_LENGTH = READABLE_CODE_GROUPS * READABLE_GROUP_LENGTH;

/**
 * A code as a person typed it — any case, with or without the `EK` prefix, dashes or spaces — in
 * its one written form, or null when it cannot be one (a letter outside the alphabet, a length).
 */
export function parseReadableCode(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s\-‐-―−]/g, '');
  // The prefix is told apart by length: a body may itself begin with "EK".
  const body = compact.length === PREFIX.length + BODY_LENGTH && compact.startsWith(PREFIX) ? compact.slice(PREFIX.length) : compact;
  if (body.length !== BODY_LENGTH || [...body].some((char) => !READABLE_ALPHABET.includes(char))) return null;
  return formatReadableCode(body);
}

/** `EK-` and the body in groups of four. */
export function formatReadableCode(body: string): string {
  const groups = Array.from({ length: READABLE_CODE_GROUPS }, (_, index) => body.slice(index * READABLE_GROUP_LENGTH, (index + 1) * READABLE_GROUP_LENGTH));
  return [PREFIX, ...groups].join('-');
}
