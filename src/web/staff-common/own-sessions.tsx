/**
 * "Your sessions" in the staff apps' account menu: where the staff member is signed in (browser,
 * system, network, when), and ending one of them or every other one. The server ends the sockets
 * of what is ended, on every instance.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { AUTH_ROUTES, type OwnSession } from '../../shared/protocol';
import { api, type ApiErrorCode, errorCodeOf } from '../common/api';
import { errorText } from '../common/error-text';
import { formatTimeOrDate } from '../common/format';
import { type Translate, useLanguage, useT } from '../common/i18n';
import { DialogCancel } from './dialog-cancel';

function deviceText(t: Translate, { browser, os }: OwnSession): string {
  if (browser && os) return t('console:sessions.browserOn', { browser, os });
  return browser || os || t('console:sessions.unknownDevice');
}

export function OwnSessions() {
  const t = useT();
  const language = useLanguage();
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [open, setOpen] = useState(false);
  const [sessions, setSessions] = useState<OwnSession[] | null>(null);
  const [error, setError] = useState<ApiErrorCode | null>(null);
  const [status, setStatus] = useState('');

  const refresh = () => api(AUTH_ROUTES.sessions).then(({ sessions: list }) => setSessions(list), (failure: unknown) => setError(errorCodeOf(failure)));

  useEffect(() => {
    if (!open) return;
    // Each opening starts afresh: no word left from the last time.
    setStatus('');
    setError(null);
    setSessions(null);
    dialog.current?.showModal();
    void refresh();
  }, [open]);

  const end = async (ending: Promise<unknown>, done: string) => {
    setError(null);
    try {
      await ending;
      // Said once the list shows it: what is announced and what is on screen agree.
      await refresh();
      setStatus(done);
      // The button pressed is gone with its session: focus stays in the dialog, at its heading.
      heading.current?.focus();
    } catch (failure) {
      setError(errorCodeOf(failure));
    }
  };
  const others = sessions?.filter((session) => !session.current) ?? [];

  return (
    <>
      <button type="button" class="secondary" data-testid="own-sessions" onClick={() => setOpen(true)}>
        {t('console:sessions.title')}
      </button>
      {open && (
        <dialog ref={dialog} aria-labelledby="own-sessions-heading" onClose={() => setOpen(false)} data-testid="own-sessions-dialog">
          <h2 id="own-sessions-heading" ref={heading} tabIndex={-1}>
            {t('console:sessions.title')}
          </h2>
          {error && (
            <p class="field-error" role="alert">
              {errorText(t, error)}
            </p>
          )}
          <p role="status" data-testid="own-sessions-status">
            {status}
          </p>
          {sessions && (
            <ul class="own-sessions" data-testid="own-sessions-list">
              {sessions.map((session) => (
                <li key={session.id} data-testid={session.current ? 'own-session-current' : 'own-session'}>
                  <strong>{deviceText(t, session)}</strong>
                  {session.current && <> ({t('console:sessions.thisOne')})</>}
                  <br />
                  {t('console:sessions.details', {
                    network: session.network || t('console:sessions.unknownNetwork'),
                    created: formatTimeOrDate(session.createdAt, language),
                    used: formatTimeOrDate(session.lastSeenAt, language),
                  })}
                  {!session.current && (
                    <>
                      {' '}
                      <button
                        type="button"
                        class="secondary"
                        data-testid="own-session-end"
                        aria-label={t('console:sessions.endOne', { device: deviceText(t, session) })}
                        onClick={() => void end(api(AUTH_ROUTES.endSession, { params: { id: session.id } }), t('console:sessions.ended'))}
                      >
                        {t('console:sessions.end')}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          {others.length > 0 && (
            <button type="button" data-testid="own-sessions-end-others" onClick={() => void end(api(AUTH_ROUTES.endOtherSessions), t('console:sessions.othersEnded'))}>
              {t('console:sessions.endOthers')}
            </button>
          )}
          <DialogCancel />
        </dialog>
      )}
    </>
  );
}
