import { useEffect, useState } from 'preact/hooks';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../../shared/protocol';
import { type ApiErrorCode, errorCodeOf } from '../common/api';
import { formatInstant, viewerTimeZone } from '../common/format';
import { useLanguage, useT } from '../common/i18n';
import { auditPage } from './admin-api';
import { auditSentence } from './audit-sentence';
import { ErrorMessage, Loading, PageHeading, type PageProps } from './pages';

/** The audit log, newest first, filtered by action, a page at a time. */
export function AuditPage({ focusHeading }: PageProps) {
  const t = useT();
  const language = useLanguage();
  const [action, setAction] = useState<AuditAction | null>(null);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [error, setError] = useState<ApiErrorCode | null>(null);

  const load = async (before: string | null) => {
    setError(null);
    try {
      const page = await auditPage(action, before, language);
      setEntries((shown) => [...(before ? (shown ?? []) : []), ...page.entries]);
      setNames((known) => ({ ...known, ...page.names }));
      setNextBefore(page.nextBefore);
    } catch (failure) {
      setError(errorCodeOf(failure));
    }
  };

  useEffect(() => {
    setEntries(null);
    void load(null);
  }, [action, language]);

  const zone = viewerTimeZone();

  return (
    <>
      <PageHeading focus={focusHeading}>{t('admin:nav.audit')}</PageHeading>
      <div class="field filter">
        <label for="audit-action">{t('admin:audit.filter')}</label>
        <select
          id="audit-action"
          data-testid="audit-action"
          value={action ?? ''}
          onChange={(event) => setAction((event.currentTarget.value || null) as AuditAction | null)}
        >
          <option value="">{t('admin:audit.allActions')}</option>
          {AUDIT_ACTIONS.map((id) => (
            <option key={id} value={id}>
              {t(`admin:audit.actions.${id}`)}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage code={error} />
      {entries === null && !error && <Loading />}
      {entries && entries.length === 0 && <p role="status">{t('admin:audit.empty')}</p>}
      {entries && entries.length > 0 && (
        <div class="table-wrap">
          <table data-testid="audit-table">
            <caption class="visually-hidden">{t('admin:nav.audit')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin:audit.at')}</th>
                <th scope="col">{t('admin:audit.entry')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-testid="audit-row">
                  <td class="audit-at">{formatInstant(entry.at, language, zone)}</td>
                  <td>
                    <p data-testid="audit-sentence">{auditSentence(entry, names, t, language)}</p>
                    {(entry.target || entry.detail) && (
                      <details class="audit-detail">
                        <summary>{t('admin:audit.detail')}</summary>
                        <pre>{JSON.stringify({ action: entry.action, target: entry.target, ...entry.detail }, null, 1)}</pre>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBefore && (
        <button type="button" class="secondary" onClick={() => void load(nextBefore)}>
          {t('admin:audit.older')}
        </button>
      )}
    </>
  );
}
