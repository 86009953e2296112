import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../../common/i18n';
import { SHORTCUTS } from './shortcuts';

/**
 * The list of keyboard shortcuts, as a modal dialog: the browser's own <dialog> keeps focus inside
 * it and closes it with Esc; focus goes back to where it was.
 */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialogRef.current?.showModal();
    return () => returnTo?.focus();
  }, []);
  return (
    <dialog ref={dialogRef} class="dialog shortcut-help" aria-labelledby="shortcut-help-heading" data-testid="shortcut-help" onClose={onClose}>
      <h2 id="shortcut-help-heading">{t('console:shortcuts.heading')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('console:shortcuts.keys')}</th>
            <th scope="col">{t('console:shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.id}>
              <td>
                {shortcut.keys.map((keys, index) => (
                  <span key={keys}>
                    {index > 0 && ` ${t('console:shortcuts.or')} `}
                    <kbd>{keys}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(`console:shortcuts.actions.${shortcut.id}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" class="secondary" autoFocus data-testid="shortcut-help-close">
          {t('console:shortcuts.close')}
        </button>
      </form>
    </dialog>
  );
}
