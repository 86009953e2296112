import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { BLOCK_HOURS, BLOCK_ROUTES, type VisitorBlock } from '../../shared/protocol';
import { api, errorCodeOf } from '../common/api';
import { errorText } from '../common/error-text';
import { formatTimeOrDate } from '../common/format';
import { useLanguage, useT } from '../common/i18n';

/**
 * Blocking the conversation's visitor (abuse): their device and network cannot start a conversation,
 * leave a message or book until the chosen time. Folded away: it is rarely needed.
 */
export function BlockPanel({ conversationId }: { conversationId: string }) {
  const t = useT();
  const language = useLanguage();
  const [hours, setHours] = useState<(typeof BLOCK_HOURS)[number]>(24);
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const [blocked, setBlocked] = useState<VisitorBlock | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  // The form (and its focused button) gives way to the result: focus follows, so it is read out.
  useLayoutEffect(() => {
    if (blocked) doneRef.current?.focus();
  }, [blocked]);

  async function submit(event: Event) {
    event.preventDefault();
    if (!reason.trim()) return setMissingReason(true);
    setFailure(null);
    try {
      setBlocked(await api(BLOCK_ROUTES.block, { params: { conversationId }, body: { hours, reason } }));
    } catch (error) {
      setFailure(errorText(t, errorCodeOf(error)));
    }
  }

  return (
    <details class="panel block-panel">
      <summary>{t('console:block.heading')}</summary>
      {blocked ? (
        <p ref={doneRef} tabIndex={-1} role="status" data-testid="block-done">
          {t('console:block.done', { until: formatTimeOrDate(blocked.until, language) })}
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{t('console:block.explain')}</p>
          <div class="field">
            <label for="block-hours">{t('console:block.duration')}</label>
            <select id="block-hours" data-testid="block-hours" value={hours} onChange={(event) => setHours(Number(event.currentTarget.value) as typeof hours)}>
              {BLOCK_HOURS.map((value) => (
                <option key={value} value={value}>
                  {t(`console:block.hours.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="block-reason">{t('console:block.reason')}</label>
            <textarea
              id="block-reason"
              data-testid="block-reason"
              rows={2}
              maxLength={500}
              required
              value={reason}
              aria-invalid={missingReason ? 'true' : undefined}
              aria-describedby={missingReason ? 'block-reason-error' : undefined}
              onInput={(event) => {
                setReason(event.currentTarget.value);
                setMissingReason(false);
              }}
            />
            {missingReason && (
              <p id="block-reason-error" class="field-error" role="alert">
                {t('console:block.reasonRequired')}
              </p>
            )}
          </div>
          {failure && <p role="alert">{failure}</p>}
          <button type="submit" class="danger" data-testid="block-button">
            {t('console:block.submit')}
          </button>
        </form>
      )}
    </details>
  );
}
