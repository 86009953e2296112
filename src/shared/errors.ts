/**
 * Stable error codes shared by the HTTP API (problem+json `code`) and WebSocket `error` frames.
 * The browser shows `errors.<code>` from the locale files, so every code needs a translation.
 */
export const ERROR_CODES = [
  'bad_json',
  'unknown_frame',
  'invalid_frame',
  'validation_failed',
  'message_too_long',
  'empty_message',
  'rate_limited',
  'unauthenticated',
  'forbidden',
  'invalid_credentials',
  'conversation_not_found',
  'conversation_closed',
  'already_taken',
  'not_assigned',
  'service_closed',
  'not_found',
  'internal_error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
