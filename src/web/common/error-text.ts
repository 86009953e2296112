import type { ApiErrorCode } from './api';
import type { Translate } from './i18n';

/** The translated reason for a failure: a server code, or 'network' when the server was not reached. */
export function errorText(t: Translate, code: ApiErrorCode): string {
  return t(`common:errors.${code}`);
}
