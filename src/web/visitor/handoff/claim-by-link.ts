/** The QR link's secret claims the conversation for this device; what comes back is why it could not, if it could not. */
import { ApiError, errorCodeOf, type ApiErrorCode } from '../../common/api';
import type { KeyValueStorage } from '../../common/storage';
import { forgetSession, writeSession } from '../session';
import { claimCase } from './api';

/** Shorter than any secret the server hands out (43 characters). */
const MIN_SECRET_LENGTH = 16;

export async function claimByLink(storage: KeyValueStorage, secret: string): Promise<ApiErrorCode | undefined> {
  try {
    // A link cut short (copied by hand, shortened by a mail program) is no secret.
    if (secret.length < MIN_SECRET_LENGTH) throw new ApiError('case_code_invalid', 404);
    const { token } = await claimCase({ secret });
    forgetSession(storage);
    writeSession(storage, { token, lastSeq: 0 });
    return undefined;
  } catch (error) {
    return errorCodeOf(error);
  }
}
