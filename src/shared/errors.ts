/**
 * Stable error codes shared by the HTTP API (problem+json `code`) and WebSocket `error` frames,
 * one group per domain. The browser shows `errors.<code>` from the locale files, so every code
 * needs a translation (test/shared/locales.test.ts).
 *
 * The groups stay here instead of in each domain's wire file because the visitor's first load
 * needs the whole list (desk-protocol.ts parses problem bodies with it): a bundler keeps a module
 * whole in the chunk that first imports it, so importing a code list from `wire/calls.ts` would
 * move every call schema the lazy conversation chunk uses into the first load.
 */

/** Any request or frame, whatever its domain. */
const COMMON_ERROR_CODES = ['bad_json', 'unknown_frame', 'invalid_frame', 'validation_failed', 'message_too_long', 'empty_message', 'rate_limited', 'too_many_connections', 'not_found', 'internal_error', 'busy'] as const;
const AUTH_ERROR_CODES = ['unauthenticated', 'forbidden', 'invalid_credentials', 'sign_in_locked', 'password_too_common', 'second_factor_required', 'two_factor_enrolment_required', 'second_factor_invalid', 'session_idle', 'reauthentication_required'] as const;
const CONVERSATION_ERROR_CODES = ['conversation_not_found', 'conversation_closed', 'already_taken', 'not_assigned', 'conversation_moved'] as const;
const HANDOFF_ERROR_CODES = ['case_code_invalid', 'case_code_attempts_exceeded'] as const;
const SCHEDULE_ERROR_CODES = ['service_closed'] as const;
const FILE_ERROR_CODES = ['file_too_large', 'file_type_not_allowed', 'file_unreadable', 'too_many_files', 'file_not_found', 'file_quota_exceeded', 'upload_quota_exceeded', 'storage_full', 'file_infected', 'virus_scan_unavailable'] as const;
const MAIL_ERROR_CODES = ['mail_limit_reached'] as const;
const INBOX_ERROR_CODES = ['too_many_left_message_files', 'left_message_not_found', 'left_message_answered', 'left_message_closed', 'left_message_not_answered'] as const;
const BOOKING_ERROR_CODES = ['slot_unavailable', 'slot_full', 'booking_not_found', 'booking_cancelled', 'booking_not_joinable', 'booking_change_limit', 'booking_limit_reached'] as const;
const STAFF_ERROR_CODES = ['staff_not_found', 'email_taken', 'own_account'] as const;
const PARTICIPANT_ERROR_CODES = ['already_in_conversation', 'not_participant'] as const;
const CANNED_ERROR_CODES = ['canned_answer_not_found'] as const;
const TOPIC_ERROR_CODES = ['topic_not_found', 'topic_exists'] as const;
const OFFICE_ERROR_CODES = ['brand_colour_contrast'] as const;
const SATISFACTION_ERROR_CODES = ['satisfaction_already_given', 'satisfaction_not_yet'] as const;
const HELP_ERROR_CODES = ['help_article_not_found', 'help_slug_taken', 'help_import_invalid'] as const;
const TRANSLATION_ERROR_CODES = ['translation_not_configured'] as const;
const PRIVACY_ERROR_CODES = ['privacy_key_unrecognised', 'privacy_conversation_open'] as const;
const BLOCK_ERROR_CODES = ['visitor_blocked', 'block_not_found', 'block_nothing_to_match'] as const;
/** Over a per-address limit: solve the problem's proof-of-work challenge and send it again (src/shared/wire/proof-of-work.ts). */
const PROOF_OF_WORK_ERROR_CODES = ['challenge_required'] as const;
const CALL_ERROR_CODES = ['call_not_found', 'call_in_progress', 'call_not_allowed', 'not_in_call', 'call_not_ringing', 'interpreter_unavailable'] as const;

export const ERROR_CODES = [
  ...COMMON_ERROR_CODES,
  ...AUTH_ERROR_CODES,
  ...CONVERSATION_ERROR_CODES,
  ...HANDOFF_ERROR_CODES,
  ...SCHEDULE_ERROR_CODES,
  ...FILE_ERROR_CODES,
  ...MAIL_ERROR_CODES,
  ...INBOX_ERROR_CODES,
  ...BOOKING_ERROR_CODES,
  ...STAFF_ERROR_CODES,
  ...PARTICIPANT_ERROR_CODES,
  ...CANNED_ERROR_CODES,
  ...TOPIC_ERROR_CODES,
  ...CALL_ERROR_CODES,
  ...OFFICE_ERROR_CODES,
  ...SATISFACTION_ERROR_CODES,
  ...HELP_ERROR_CODES,
  ...TRANSLATION_ERROR_CODES,
  ...PRIVACY_ERROR_CODES,
  ...BLOCK_ERROR_CODES,
  ...PROOF_OF_WORK_ERROR_CODES,
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
