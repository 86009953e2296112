import { useT } from '../common/i18n';

/** Closes the <dialog> it sits in (method="dialog"), as Esc does. */
export function DialogCancel() {
  const t = useT();
  return (
    <form method="dialog">
      <button type="submit" class="secondary">
        {t('console:canned.cancel')}
      </button>
    </form>
  );
}
