import { useEffect, useRef } from 'preact/hooks';
import type { ReportCell, ReportTable } from '../../shared/protocol';
import { languageName } from '../common/format';
import { useLanguage, useT, type Translate } from '../common/i18n';
import { topicName } from '../common/topic-name';

/** Columns whose cells are ids the screen names in the reader's language. */
const NAMED_COLUMNS = new Set(['label', 'language', 'topic', 'channel', 'outcome', 'weekday', 'rating']);

/** The heat map's hour columns, h0 … h23. */
const HOUR_COLUMN = /^h\d+$/;

export function columnTitle(t: Translate, column: string): string {
  return HOUR_COLUMN.test(column) ? `${column.slice(1)}:00` : t(`admin:reports.column.${column}`);
}

/** A cell as read: durations in minutes, ids by name, nothing as a dash. */
export function cellText(t: Translate, language: string, column: string, value: ReportCell): string {
  if (value === null) return '–';
  if (column.endsWith('_seconds')) return minutes(language, Number(value));
  if (!NAMED_COLUMNS.has(column)) return typeof value === 'number' ? value.toLocaleString(language) : value;
  const id = String(value);
  if (column === 'language') return id === '-' ? '–' : languageName(id, language);
  if (column === 'topic') return topicName(t, id, language);
  if (column === 'weekday') return t(`common:weekdays.${id}`);
  if (column === 'label') return t(`admin:reports.row.${id}`);
  return t(`admin:reports.${column}.${id}`);
}

function minutes(language: string, seconds: number): string {
  return new Intl.NumberFormat(language, { style: 'unit', unit: 'minute', maximumFractionDigits: 1 }).format(seconds / 60);
}

/** The summary's value column: durations by their row's name. */
function summaryValue(t: Translate, language: string, row: ReportCell[]): string {
  const [label, value] = row;
  return String(label).endsWith('_seconds') && value !== null ? minutes(language, Number(value)) : cellText(t, language, 'value', value ?? null);
}

interface ReportTableViewProps {
  table: ReportTable;
  caption: string;
}

/** A figure's data as an accessible table: a caption, column headers, the first cell of each row its header. */
export function ReportTableView({ table, caption }: ReportTableViewProps) {
  const t = useT();
  const language = useLanguage();
  const heat = table.figure === 'heatmap' ? (column: number) => HOUR_COLUMN.test(table.columns[column] ?? '') : () => false;
  const max = Math.max(1, ...table.rows.flatMap((row) => row.flatMap((cell, column) => (heat(column) ? [Number(cell)] : []))));
  return (
    <div class="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table class="report-table" data-testid={`report-table-${table.figure}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {columnTitle(t, column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, index) => (
            <tr key={index}>
              <th scope="row">{cellText(t, language, table.columns[0]!, row[0] ?? null)}</th>
              {row.slice(1).map((cell, column) => (
                <td key={column} class={heat(column + 1) ? `heat heat-${Math.ceil((Number(cell) / max) * 4)}` : undefined}>
                  {table.figure === 'summary' ? summaryValue(t, language, row) : cellText(t, language, table.columns[column + 1]!, cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Columns a chart draws: counts, not durations or averages. */
export function chartedColumns(table: ReportTable): number[] {
  return table.columns.flatMap((column, index) => (index > 0 && !column.endsWith('_seconds') && !column.endsWith('_average') ? [index] : []));
}

/**
 * The figure as a chart, drawn by uPlot from the lazily loaded chunk (report-chart.ts), so the
 * library is fetched only on this screen. Hidden from assistive technology: the table beside it
 * holds the same figures.
 */
export function ReportChart({ table }: { table: ReportTable }) {
  const t = useT();
  const language = useLanguage();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element || table.rows.length === 0 || table.figure === 'summary' || table.figure === 'heatmap') return;
    let disposed = false;
    let dispose: (() => void) | undefined;
    void import('./report-chart').then(({ drawChart }) => {
      if (disposed) return;
      const series = chartedColumns(table).map((index) => ({ label: columnTitle(t, table.columns[index]!), values: table.rows.map((row) => Number(row[index] ?? 0)) }));
      const labels = table.rows.map((row) => cellText(t, language, table.columns[0]!, row[0] ?? null));
      dispose = drawChart(element, labels, series);
    });
    return () => {
      disposed = true;
      dispose?.();
    };
  }, [table, language]);
  return <div class="report-chart" ref={box} aria-hidden="true" data-testid={`report-chart-${table.figure}`} />;
}
