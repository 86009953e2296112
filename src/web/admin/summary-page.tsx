import { useEffect, useState } from 'preact/hooks';
import { REPORT_ROUTES, type GroupBy, type Report, type ReportQuery } from '../../shared/protocol';
import { api, type ApiErrorCode, errorCodeOf } from '../common/api';
import { useT } from '../common/i18n';
import { ErrorMessage, PageHeading, type PageProps } from './pages';
import { periodAround, today } from './report-period';
import { ReportTableView } from './report-table';

/** The printable summary's breakdowns: persons served by language, topic and channel. */
const BREAKDOWNS = ['language', 'topic', 'channel'] as const satisfies readonly GroupBy[];
const SERVED_COLUMNS = 3;

/** The period and filters the reports screen passed in the hash (`#/summary?from=…`), else this quarter. */
function summaryQuery(): ReportQuery {
  const params = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  const fallback = periodAround('quarter', today());
  const query: ReportQuery = { from: params.get('from') ?? fallback.from, to: params.get('to') ?? fallback.to, suppress: '1' };
  for (const key of ['language', 'topic', 'channel'] as const) {
    const value = params.get(key);
    if (value) Object.assign(query, { [key]: value });
  }
  return query;
}

/** For the funding body: totals, persons served by language, topic and channel, and satisfaction; small groups blanked. */
export function SummaryPage({ focusHeading }: PageProps) {
  const t = useT();
  const [reports, setReports] = useState<Report[] | null>(null);
  const [error, setError] = useState<ApiErrorCode | null>(null);
  const query = summaryQuery();
  useEffect(() => {
    Promise.all(BREAKDOWNS.map((groupBy) => api(REPORT_ROUTES.report, { query: { ...query, groupBy } }))).then(setReports, (failure) => setError(errorCodeOf(failure)));
  }, []);
  const figure = (report: Report, name: string) => report.tables.find((table) => table.figure === name)!;
  return (
    <section class="summary-page">
      <PageHeading focus={focusHeading}>{t('admin:reports.summaryTitle', { from: query.from, to: query.to })}</PageHeading>
      <p class="no-print">
        <button type="button" onClick={() => window.print()}>
          {t('admin:reports.print')}
        </button>{' '}
        <a href="#/reports">{t('admin:reports.back')}</a>
      </p>
      <ErrorMessage code={error} />
      {reports && (
        <>
          <ReportTableView table={figure(reports[0]!, 'summary')} caption={t('admin:reports.figure.summary')} />
          {BREAKDOWNS.map((groupBy, index) => {
            const byGroup = figure(reports[index]!, 'by_group');
            const served = { ...byGroup, columns: byGroup.columns.slice(0, SERVED_COLUMNS), rows: byGroup.rows.map((row) => row.slice(0, SERVED_COLUMNS)) };
            return <ReportTableView key={groupBy} table={served} caption={t('admin:reports.servedBy', { group: t(`admin:reports.column.${groupBy}`) })} />;
          })}
          <ReportTableView table={figure(reports[0]!, 'satisfaction')} caption={t('admin:reports.figure.satisfaction')} />
        </>
      )}
    </section>
  );
}

