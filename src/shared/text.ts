/**
 * The one rule for text people send, applied at the server's edge to every string of every request
 * body, query and WebSocket frame before its schema reads it: C0 and C1 control characters (NUL
 * included, which PostgreSQL refuses in text) and the bidirectional embeddings, overrides and
 * isolates (which make "gnp.exe" read as "exe.png") are removed; tabs and line breaks stay;
 * unpaired surrogates become U+FFFD. Secrets are left as typed: they are only ever hashed.
 */

const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Fields whose value is a password: compared as a hash, never shown. */
const SECRET_FIELDS = new Set(['password', 'currentPassword', 'newPassword']);

export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd').replace(UNSAFE_CHARACTERS, '');
}

/** Every string in parsed JSON (objects, arrays, nested) cleaned by cleanText, secrets excepted. */
export function cleanStrings(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanStrings);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, SECRET_FIELDS.has(key) && typeof field === 'string' ? field : cleanStrings(field)]),
  );
}
