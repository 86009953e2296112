import type { ApiErrorCode } from '../common/api';
import type { Translate } from '../common/i18n';

/** The translated reason for a failure; 'network' is the browser's own, not a server code. */
export function errorText(t: Translate, code: ApiErrorCode): string {
  return code === 'network' ? t('visitor:errors.network') : t(`common:errors.${code}`);
}
