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
  'file_too_large',
  'file_type_not_allowed',
  'file_unreadable',
  'too_many_files',
  'too_many_left_message_files',
  'file_not_found',
  'slot_unavailable',
  'slot_full',
  'booking_not_found',
  'booking_cancelled',
  'booking_not_joinable',
  'left_message_not_found',
  'left_message_answered',
  'left_message_closed',
  'staff_not_found',
  'already_in_conversation',
  'not_participant',
  'canned_answer_not_found',
  'email_taken',
  'own_account',
  'topic_not_found',
  'topic_exists',
  'call_not_found',
  'call_in_progress',
  'call_not_allowed',
  'not_in_call',
  'call_not_ringing',
  'interpreter_unavailable',
  'internal_error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
