import { useEffect, useState } from 'preact/hooks';
import { REPORT_ROUTES, type LiveFigures } from '../../../shared/protocol';
import { api } from '../../common/api';
import { useLanguage, useT } from '../../common/i18n';

/** Today's figures (reports module), fetched again whenever the supervision view reloads (`refresh` changes). */
export function LiveFiguresPanel({ refresh }: { refresh: unknown }) {
  const t = useT();
  const language = useLanguage();
  const [figures, setFigures] = useState<LiveFigures | null>(null);
  useEffect(() => {
    let current = true;
    api(REPORT_ROUTES.live).then(
      (live) => current && setFigures(live),
      () => current && setFigures(null), // the rest of the view still works; the panel waits for the next reload
    );
    return () => {
      current = false;
    };
  }, [refresh]);
  if (!figures) return null;
  const minutes = (seconds: number | null) =>
    seconds === null ? '–' : new Intl.NumberFormat(language, { style: 'unit', unit: 'minute', maximumFractionDigits: 0 }).format(Math.floor(seconds / 60));
  const entries: [string, string][] = [
    ['waitingNow', String(figures.waitingNow)],
    ['longestWait', minutes(figures.longestWaitSeconds)],
    ['servedToday', String(figures.servedToday)],
    ['givenUpToday', String(figures.givenUpToday)],
  ];
  return (
    <section class="panel" aria-labelledby="supervisor-today-heading" data-testid="supervisor-today">
      <h3 id="supervisor-today-heading">{t('console:reports.heading')}</h3>
      <dl class="live-figures">
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt>{t(`console:reports.${key}`)}</dt>
            <dd data-testid={`today-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
