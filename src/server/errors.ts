/**
 * One error type for everything the server refuses on purpose. It carries a stable code (shared
 * with the browser, which shows `common:errors.<code>` in the user's language), and the HTTP
 * status comes from one map. Anything else that is thrown is an internal error.
 */
import type { ErrorCode } from '../shared/errors';
import type { PowChallenge } from '../shared/wire/proof-of-work';

/** Members a problem carries beside its code (RFC 9457 extensions): the challenge of `challenge_required`. */
export interface ProblemExtension {
  challenge: PowChallenge;
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_json: 400,
  unknown_frame: 400,
  invalid_frame: 400,
  validation_failed: 400,
  message_too_long: 413,
  empty_message: 400,
  rate_limited: 429,
  unauthenticated: 401,
  forbidden: 403,
  invalid_credentials: 401,
  sign_in_locked: 429,
  second_factor_required: 403,
  two_factor_enrolment_required: 403,
  second_factor_invalid: 401,
  session_idle: 401,
  reauthentication_required: 403,
  too_many_connections: 429,
  conversation_not_found: 404,
  conversation_closed: 409,
  conversation_moved: 410,
  case_code_invalid: 404,
  case_code_attempts_exceeded: 429,
  already_taken: 409,
  not_assigned: 403,
  service_closed: 409,
  not_found: 404,
  file_too_large: 413,
  file_type_not_allowed: 415,
  file_unreadable: 422,
  too_many_files: 409,
  file_quota_exceeded: 413,
  upload_quota_exceeded: 429,
  too_many_left_message_files: 413,
  file_not_found: 404,
  slot_unavailable: 409,
  slot_full: 409,
  booking_not_found: 404,
  booking_cancelled: 409,
  booking_not_joinable: 409,
  booking_change_limit: 429,
  booking_limit_reached: 429,
  mail_limit_reached: 429,
  password_too_common: 422,
  storage_full: 507,
  file_infected: 422,
  virus_scan_unavailable: 503,
  visitor_blocked: 403,
  block_not_found: 404,
  block_nothing_to_match: 422,
  challenge_required: 429,
  left_message_not_found: 404,
  left_message_answered: 409,
  left_message_closed: 409,
  left_message_not_answered: 409,
  staff_not_found: 404,
  already_in_conversation: 409,
  not_participant: 409,
  canned_answer_not_found: 404,
  email_taken: 409,
  own_account: 409,
  topic_not_found: 404,
  topic_exists: 409,
  call_not_found: 404,
  call_in_progress: 409,
  call_not_allowed: 403,
  not_in_call: 403,
  call_not_ringing: 409,
  interpreter_unavailable: 409,
  brand_colour_contrast: 422,
  help_article_not_found: 404,
  help_slug_taken: 409,
  help_import_invalid: 400,
  translation_not_configured: 409,
  privacy_key_unrecognised: 400,
  privacy_conversation_open: 409,
  internal_error: 500,
  satisfaction_already_given: 409,
  satisfaction_not_yet: 409,
  busy: 503,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Safe to show to the client (never personal data or message text). */
    readonly detail?: string,
    readonly extension?: ProblemExtension,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'AppError';
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

/**
 * The database cannot take more work right now: PostgreSQL's pool found no free connection in
 * time, or SQLite stayed locked past its busy timeout. Not a fault: the client is told `busy` and
 * tries again a little later.
 */
export function isOverload(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /timeout exceeded when trying to connect|SQLITE_BUSY|database is locked/i.test(error.message) || (error as { code?: string }).code === 'SQLITE_BUSY';
}
