import { useEffect, useState } from 'preact/hooks';
import type { UiLanguage } from '../../shared/languages';
import {
  CHANNELS,
  DESK_ROUTES,
  GROUP_BYS,
  REPORT_ROUTES,
  SATISFACTION_ROUTES,
  type Channel,
  type GroupBy,
  type Report,
  type ReportQuery,
  type SatisfactionComment,
} from '../../shared/protocol';
import { api, pathOf, type ApiErrorCode, errorCodeOf } from '../common/api';
import { languageName } from '../common/format';
import { useLanguage, useT } from '../common/i18n';
import { rememberTopicNames, topicName } from '../common/topic-name';
import { ErrorMessage, PageHeading, type PageProps } from './pages';
import { PERIOD_KINDS, pickedPeriod, today, type PeriodKind } from './report-period';
import { ReportChart, ReportTableView } from './report-table';

interface Filters {
  kind: PeriodKind;
  day: string;
  from: string;
  to: string;
  language: UiLanguage | '';
  topic: string;
  channel: Channel | '';
  groupBy: GroupBy;
}

export function queryOf(filters: Filters): ReportQuery {
  return {
    ...pickedPeriod(filters),
    groupBy: filters.groupBy,
    ...(filters.language && { language: filters.language }),
    ...(filters.topic && { topic: filters.topic }),
    ...(filters.channel && { channel: filters.channel }),
  };
}

/** The desk's languages and topics, for the filters. */
function useDeskChoices() {
  const [choices, setChoices] = useState<{ languages: UiLanguage[]; topics: string[] }>({ languages: [], topics: [] });
  useEffect(() => {
    api(DESK_ROUTES.info).then(
      (desk) => {
        rememberTopicNames(desk.topicNames);
        setChoices({ languages: desk.languages, topics: desk.topics });
      },
      () => setChoices({ languages: [], topics: [] }),
    );
  }, []);
  return choices;
}

/** Statistics for managers and funders (read-only; supervisors and admins): each figure as a chart and a table, with CSV. */
export function ReportsPage({ focusHeading, announce }: PageProps) {
  const t = useT();
  const language = useLanguage();
  const choices = useDeskChoices();
  const start = today();
  const [filters, setFilters] = useState<Filters>({ kind: 'month', day: start, from: start, to: start, language: '', topic: '', channel: '', groupBy: 'day' });
  const [report, setReport] = useState<Report | null>(null);
  const [comments, setComments] = useState<SatisfactionComment[]>([]);
  const [error, setError] = useState<ApiErrorCode | null>(null);
  const query = queryOf(filters);

  const load = async () => {
    setError(null);
    try {
      const [shown, rated] = await Promise.all([api(REPORT_ROUTES.report, { query }), api(SATISFACTION_ROUTES.comments, { query: { from: query.from, to: query.to } })]);
      setReport(shown);
      setComments(rated.comments);
      announce(t('admin:reports.shown', { from: shown.from, to: shown.to }));
    } catch (failure) {
      setError(errorCodeOf(failure));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const change = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((current) => ({ ...current, [key]: value }));
  const { groupBy: _groupBy, ...summaryQuery } = query;
  return (
    <section class="reports-page" aria-labelledby="reports-heading">
      <PageHeading focus={focusHeading}>
        <span id="reports-heading">{t('admin:reports.title')}</span>
      </PageHeading>
      <form
        class="report-filters"
        onSubmit={(event) => {
          event.preventDefault();
          void load();
        }}
      >
        <Choice id="report-kind" label={t('admin:reports.period')} value={filters.kind} onChange={(value) => change('kind', value as PeriodKind)}
          options={PERIOD_KINDS.map((kind) => [kind, t(`admin:reports.periodKind.${kind}`)])} required />
        {filters.kind === 'custom' ? (
          <>
            <DateField id="report-from" label={t('admin:reports.from')} value={filters.from} onChange={(value) => change('from', value)} />
            <DateField id="report-to" label={t('admin:reports.to')} value={filters.to} onChange={(value) => change('to', value)} />
          </>
        ) : (
          <DateField id="report-day" label={t('admin:reports.around')} value={filters.day} onChange={(value) => change('day', value)} />
        )}
        <Choice id="report-language" label={t('admin:reports.column.language')} value={filters.language} onChange={(value) => change('language', value as UiLanguage | '')}
          options={choices.languages.map((code) => [code, languageName(code, language)])} />
        <Choice id="report-topic" label={t('admin:reports.column.topic')} value={filters.topic} onChange={(value) => change('topic', value)}
          options={choices.topics.map((id) => [id, topicName(t, id, language)])} />
        <Choice id="report-channel" label={t('admin:reports.column.channel')} value={filters.channel} onChange={(value) => change('channel', value as Channel | '')}
          options={CHANNELS.map((channel) => [channel, t(`admin:reports.channel.${channel}`)])} />
        <Choice id="report-group" label={t('admin:reports.groupBy')} value={filters.groupBy} onChange={(value) => change('groupBy', value as GroupBy)}
          options={GROUP_BYS.map((groupBy) => [groupBy, t(`admin:reports.column.${groupBy}`)])} required />
        <button type="submit" data-testid="report-show">
          {t('admin:reports.show')}
        </button>
      </form>
      <ErrorMessage code={error} />
      <p>
        <a href={`#/summary?${new URLSearchParams(summaryQuery as Record<string, string>)}`} data-testid="report-summary-link">
          {t('admin:reports.printable')}
        </a>
      </p>
      {report &&
        report.tables.map((table) => {
          const title = t(`admin:reports.figure.${table.figure}`);
          return (
            <section key={table.figure} class="report-figure" aria-labelledby={`figure-${table.figure}`}>
              <h2 id={`figure-${table.figure}`}>{title}</h2>
              <ReportChart table={table} />
              <ReportTableView table={table} caption={t('admin:reports.tableOf', { title, from: report.from, to: report.to })} />
              <a href={pathOf(REPORT_ROUTES.exportCsv, { figure: table.figure }, query)} download data-testid={`report-csv-${table.figure}`}>
                {t('admin:reports.csv', { title })}
              </a>
            </section>
          );
        })}
      {report && <Comments comments={comments} />}
    </section>
  );
}

function Comments({ comments }: { comments: SatisfactionComment[] }) {
  const t = useT();
  return (
    <section class="report-figure" aria-labelledby="figure-comments">
      <h2 id="figure-comments">{t('admin:reports.comments')}</h2>
      {comments.length === 0 ? (
        <p>{t('admin:reports.noComments')}</p>
      ) : (
        <ul class="report-comments" data-testid="report-comments">
          {comments.map((comment, index) => (
            <li key={index}>
              <span class="report-comment-meta">
                {comment.day} · {t(`admin:reports.rating.${comment.rating}`)} · {t(`admin:reports.channel.${comment.channel}`)}
              </span>
              <p lang={comment.language}>{comment.comment}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DateField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="date" required value={value} onInput={(event) => onChange(event.currentTarget.value)} />
    </div>
  );
}

interface ChoiceProps {
  id: string;
  label: string;
  value: string;
  options: [string, string][];
  onChange: (value: string) => void;
  /** One of the options must be chosen; otherwise "all" comes first. */
  required?: boolean;
}

/** One of `options` ([value, name]), or, unless required, every value. */
function Choice({ id, label, value, options, onChange, required = false }: ChoiceProps) {
  const t = useT();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {!required && <option value="">{t('admin:reports.all')}</option>}
        {options.map(([option, name]) => (
          <option key={option} value={option}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
