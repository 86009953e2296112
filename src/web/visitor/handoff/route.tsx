/**
 * A case code's QR link, `/continue#<secret>`: the secret is taken from the address at once (so
 * it is neither kept in the history nor used twice by a reload), the conversation is claimed,
 * and the page goes on as the visitor page with it — or with why it could not.
 */
import type { JSX } from 'preact';
import type { DeskInfo } from '../../../shared/desk-protocol';
import { CONTINUE_PAGE_PATH } from '../../../shared/wire/handoff';
import { ApiError, errorCodeOf, type ApiErrorCode } from '../../common/api';
import type { KeyValueStorage } from '../../common/storage';
import { App } from '../app';
import { forgetSession, writeSession } from '../session';
import { claimCase } from './api';

/** Shorter than any secret the server hands out (43 characters). */
const MIN_SECRET_LENGTH = 16;

export function isContinuePage(): boolean {
  return location.pathname === CONTINUE_PAGE_PATH;
}

export async function continuePage(desk: DeskInfo, storage: KeyValueStorage): Promise<JSX.Element> {
  const secret = location.hash.slice(1);
  history.replaceState(null, '', `/${location.search}`);
  let notice: ApiErrorCode | undefined;
  try {
    // A link cut short (copied by hand, shortened by a mail program) is no secret.
    if (secret.length < MIN_SECRET_LENGTH) throw new ApiError('case_code_invalid', 404);
    const { token } = await claimCase({ secret });
    forgetSession(storage);
    writeSession(storage, { token, lastSeq: 0 });
  } catch (error) {
    notice = errorCodeOf(error);
  }
  return <App initialDesk={desk} storage={storage} initialNotice={notice} />;
}
