import type { ApiErrorCode } from './api';
import { formatTimeOrDate } from './format';
import type { Translate } from './i18n';

/**
 * The translated reason for a failure: a server code, or 'network' when the server was not reached.
 * `blockedUntil`: for `visitor_blocked`, the end the server gave, said in the reader's language.
 */
export function errorText(t: Translate, code: ApiErrorCode, blockedUntil?: { iso: string; language: string }): string {
  if (code === 'visitor_blocked' && blockedUntil) return t('common:blocked.until', { until: formatTimeOrDate(blockedUntil.iso, blockedUntil.language) });
  return t(`common:errors.${code}`);
}
