/**
 * One error type for everything the server refuses on purpose. It carries a stable code (shared
 * with the browser, which shows `common:errors.<code>` in the user's language), and the HTTP
 * status comes from one map. Anything else that is thrown is an internal error.
 */
import type { ErrorCode } from '../shared/errors';

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
  conversation_not_found: 404,
  conversation_closed: 409,
  already_taken: 409,
  not_assigned: 403,
  service_closed: 409,
  not_found: 404,
  internal_error: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Safe to show to the client (never personal data or message text). */
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'AppError';
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}
