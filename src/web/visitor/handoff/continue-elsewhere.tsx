/**
 * The conversation's case code, and "continue on another device": how to use the code there, or
 * the QR code of a one-time link that does the same. Shown while the conversation is open.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CaseCodeResponse } from '../../../shared/wire/handoff';
import { useT } from '../../common/i18n';
import type { KeyValueStorage } from '../../common/storage';
import { issueCaseCode } from './api';
import { CASE_CODE_KEY } from '../session';
import { readCaseCode, writeCaseCode } from './case-code-store';
import './handoff.css';

interface ContinueElsewhereProps {
  token: string;
  storage: KeyValueStorage;
  /** A code is asked for once the socket is up (the server is reachable). */
  connected: boolean;
}

export function ContinueElsewhere({ token, storage, connected }: ContinueElsewhereProps) {
  const t = useT();
  const [caseCode, setCaseCode] = useState<CaseCodeResponse | null>(() => readCaseCode(storage, token));
  const [open, setOpen] = useState(false);

  // Another tab of this conversation asked for a code: the one it got replaced this one's. (A code
  // another tab stored for another conversation is not this one's business: no new one is asked.)
  useEffect(() => {
    const followOtherTabs = (event: StorageEvent) => {
      const theirs = event.key === CASE_CODE_KEY ? readCaseCode(storage, token) : null;
      if (theirs) setCaseCode(theirs);
    };
    addEventListener('storage', followOtherTabs);
    return () => removeEventListener('storage', followOtherTabs);
  }, [token]);

  useEffect(() => {
    if (caseCode || !connected) return;
    let current = true;
    issueCaseCode(token).then(
      (issued) => {
        writeCaseCode(storage, token, issued);
        if (current) setCaseCode(issued);
      },
      (error: unknown) => console.warn('Could not get a case code', error),
    );
    return () => {
      current = false;
    };
  }, [token, connected, caseCode === null]);

  if (!caseCode) return null;
  return (
    <div class="continue-elsewhere" data-testid="continue-elsewhere">
      <p class="case-code">
        {t('visitor:handoff.codeLabel')}{' '}
        <strong class="case-code__value" data-testid="case-code" translate={false}>
          {caseCode.code}
        </strong>
      </p>
      <button
        type="button"
        class="button button--small"
        data-testid="continue-elsewhere-toggle"
        aria-expanded={open}
        aria-controls="continue-elsewhere-panel"
        onClick={() => setOpen(!open)}
      >
        {t('visitor:handoff.continueElsewhere')}
      </button>
      <div id="continue-elsewhere-panel" class="continue-elsewhere__panel" hidden={!open} data-testid="continue-elsewhere-panel">
        <p>{t('visitor:handoff.instructions', { code: caseCode.code })}</p>
        <img
          class="continue-elsewhere__qr"
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(caseCode.qrSvg)}`}
          alt={t('visitor:handoff.qrAlt')}
          width={180}
          height={180}
          data-testid="continue-elsewhere-qr"
        />
        <p class="hint">{t('visitor:handoff.once')}</p>
      </div>
    </div>
  );
}
