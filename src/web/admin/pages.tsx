import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { UiLanguage } from '../../shared/languages';
import { DESK_ROUTES } from '../../shared/protocol';
import { api, type ApiErrorCode, errorCodeOf } from '../common/api';
import { errorText } from '../common/error-text';
import { useT } from '../common/i18n';

export const PAGES = ['staff', 'topics', 'schedule', 'routing', 'canned', 'help', 'office', 'links', 'audit', 'privacy', 'reports'] as const;
/** The printable summary is reached from the reports page, not from the navigation. */
export type Page = (typeof PAGES)[number] | 'summary';
/** A supervisor reads reports here and changes nothing. */
export const SUPERVISOR_PAGES: readonly Page[] = ['reports', 'summary'];

export function pageFromHash(allowed: readonly Page[] = [...PAGES, 'summary']): Page {
  const id = window.location.hash.replace(/^#\/?/, '').split('?')[0];
  return allowed.includes(id as Page) ? (id as Page) : allowed[0]!;
}

/** Says something through the page's polite live region. */
export type Announce = (text: string) => void;

export interface PageProps {
  announce: Announce;
  /** After moving between pages the heading takes the focus, so keyboard and screen reader users land on it. */
  focusHeading: boolean;
}

export function PageHeading({ focus, children }: { focus: boolean; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <h1 ref={heading} tabIndex={-1} data-testid="page-heading">
      {children}
    </h1>
  );
}

/**
 * Stands where data will be until it has loaded; what follows it on the page waits too
 * (admin.css), so nothing appears and is then pushed down (no layout shift).
 */
export function Loading() {
  const t = useT();
  return (
    <p role="status" class="loading">
      {t('admin:loading')}
    </p>
  );
}

/** A failed request's reason, read out as soon as it appears. */
export function ErrorMessage({ code, id }: { code: ApiErrorCode | null; id?: string }) {
  const t = useT();
  if (!code) return null;
  return (
    <p class="field-error" role="alert" id={id}>
      {errorText(t, code)}
    </p>
  );
}

/** Why the last request failed, and `run`, which clears that, runs a request and keeps its failure. */
export function useRequestError() {
  const [error, setError] = useState<ApiErrorCode | null>(null);
  async function run(request: () => Promise<void>): Promise<void> {
    setError(null);
    try {
      await request();
    } catch (failure) {
      setError(errorCodeOf(failure));
    }
  }
  return { error, setError, run };
}

interface NumberFieldProps {
  id: string;
  label: string;
  min: number;
  max: number;
  value: number;
  /** Read out with the field (aria-describedby). */
  hint?: string;
  onChange: (value: number) => void;
}

/** A required whole number from `min` to `max`, with its label and, if given, a hint. */
export function NumberField({ id, label, min, max, value, hint, onChange }: NumberFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        required
        aria-describedby={hintId}
        value={value}
        onInput={(event) => onChange(Number(event.currentTarget.value))}
      />
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** The languages the desk offers (names and pause messages are required in each). */
export function useDeskLanguages(): readonly UiLanguage[] {
  const [languages, setLanguages] = useState<readonly UiLanguage[]>([]);
  useEffect(() => {
    api(DESK_ROUTES.info).then(
      (desk) => setLanguages(desk.languages),
      () => setLanguages([]), // the server still checks; the fields are then merely not marked required
    );
  }, []);
  return languages;
}
