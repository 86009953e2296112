import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { DeskInfo, StartConversationResponse } from '../../shared/protocol';
import type { ApiErrorCode } from '../common/api';
import { languageName } from '../common/format';
import { useLanguage, useT } from '../common/i18n';
import type { KeyValueStorage } from '../common/storage';
import { fetchDesk } from './api';
import { BookingSection } from './booking/booking-section';
import { countClosedVisit } from './closed-visit';
import { DeskStatus, OpeningHours } from './desk-status';
import { errorText } from '../common/error-text';
import { Header, usePageTitle } from './header';
import { AfterService, SiteFooter } from './office/site-footer';
import { HelpLink } from './help-suggestions';
import { LazyChatView, loadChatView } from './lazy-chat';
import { CaseCodeSection } from './handoff/case-code-section';
import { LeaveMessageSection } from './leave-message/leave-message-section';
import { untilScheduleChanges } from './schedule';
import { forgetSession, readSession, writeSession } from './session';
import { StartForm } from './start-form';

interface AppProps {
  initialDesk: DeskInfo;
  storage: KeyValueStorage;
  /** Why the page starts without the conversation it was opened for (a case code's link that failed). */
  initialNotice?: ApiErrorCode;
}

export function App({ initialDesk, storage, initialNotice }: AppProps) {
  const [token, setToken] = useState(() => readSession(storage)?.token ?? null);
  const [desk, reloadDesk] = useDesk(initialDesk, !token);
  const [notice, setNotice] = useState<ApiErrorCode | null>(initialNotice ?? null);
  /** Where focus goes after the view changes under the visitor's hands (the button they used is gone). */
  const [focusAfterSwitch, setFocusAfterSwitch] = useState(false);
  /** The question written on the start form, waiting in the chat's message box. */
  const [question, setQuestion] = useState('');

  usePageTitle(desk);

  // The conversation's chunk comes while the visitor fills in the start form.
  useEffect(() => {
    if (desk.schedule.open) loadChatView().catch(() => undefined);
  }, [desk.schedule.open]);

  const started = ({ token: newToken }: StartConversationResponse, startQuestion: string) => {
    setQuestion(startQuestion);
    forgetSession(storage);
    writeSession(storage, { token: newToken, lastSeq: 0 });
    setNotice(null);
    setFocusAfterSwitch(true);
    setToken(newToken);
  };

  const leave = (code?: ApiErrorCode) => {
    forgetSession(storage);
    setNotice(code ?? null);
    setFocusAfterSwitch(true);
    setToken(null);
    reloadDesk();
  };

  return (
    <>
      <Header desk={desk} />
      <main class={token ? 'content content--chat' : 'content'} id="main" tabIndex={-1}>
        {token ? (
          <LazyChatView
            key={token}
            token={token}
            desk={desk}
            storage={storage}
            autoFocus={focusAfterSwitch}
            draft={question}
            onLeave={leave}
            footer={<SiteFooter office={desk.office} />}
          />
        ) : (
          <StartPage
            desk={desk}
            notice={notice}
            autoFocus={focusAfterSwitch}
            onStarted={started}
            onContinued={(response) => started(response, '')}
            onServiceClosed={reloadDesk}
          />
        )}
      </main>
      {!token && <SiteFooter office={desk.office} />}
    </>
  );
}

interface StartPageProps {
  desk: DeskInfo;
  notice: ApiErrorCode | null;
  autoFocus: boolean;
  onStarted: (response: StartConversationResponse, question: string) => void;
  /** A conversation from another device, taken here by its case code. */
  onContinued: (response: StartConversationResponse) => void;
  onServiceClosed: () => void;
}

function StartPage({ desk, notice, autoFocus, onStarted, onContinued, onServiceClosed }: StartPageProps) {
  const t = useT();
  const language = useLanguage();
  // Counted once per browser and office day (closed-visit.ts); the figures never hold back the page.
  useEffect(() => {
    if (!desk.schedule.open) countClosedVisit(language).catch(() => undefined);
  }, [desk.schedule.open]);
  const nobodyOnDuty = desk.schedule.open && !desk.languagesOnDuty.includes(language);
  const cameOnDuty = useCameOnDuty(nobodyOnDuty);
  // Asked for whether closed or nobody is on duty, in one place, so a refresh that turns one case into
  // the other keeps the form the visitor is typing in.
  const offerInstead = !desk.schedule.open || nobodyOnDuty;
  return (
    <>
      {notice && (
        // Moving on to another device is no failure of this one.
        <p class={notice === 'conversation_moved' ? 'notice' : 'notice notice--error'} role="alert" data-testid="start-notice" data-code={notice}>
          {errorText(t, notice)}
        </p>
      )}
      <DeskStatus schedule={desk.schedule} autoFocus={autoFocus} />
      {/* Always in the page while open, so a consultant coming on duty (or leaving) is announced. */}
      {desk.schedule.open && (
        <div role="status" class="on-duty-status">
          {nobodyOnDuty ? (
            <div class="notice notice--warning" data-testid="nobody-on-duty">
              <p class="notice__title">
                {desk.languagesOnDuty.length === 0
                  ? t('visitor:status.nobodyOnDuty')
                  : t('visitor:status.nobodyForLanguage', { language: languageName(language, language) })}
              </p>
              <p>{t('visitor:status.nobodyOnDutyOffer')}</p>
            </div>
          ) : (
            cameOnDuty && (
              <p class="notice" data-testid="came-on-duty">
                {t('visitor:status.cameOnDuty')}
              </p>
            )
          )}
        </div>
      )}
      <HelpLink />
      {offerInstead && desk.schedule.reason !== 'after_service' && <LeaveMessageSection desk={desk} />}
      {offerInstead && <BookingSection desk={desk} />}
      {desk.schedule.open && <StartForm desk={desk} onStarted={onStarted} onServiceClosed={onServiceClosed} />}
      {desk.schedule.reason === 'after_service' && <AfterService office={desk.office} />}
      <CaseCodeSection onContinued={onContinued} />
      <OpeningHours schedule={desk.schedule} />
    </>
  );
}

/** Whether a consultant came on duty while this page said nobody was (the status region says so, not silence). */
function useCameOnDuty(nobodyOnDuty: boolean): boolean {
  const [came, setCame] = useState(false);
  const wasNobody = useRef(nobodyOnDuty);
  useEffect(() => {
    setCame(wasNobody.current && !nobodyOnDuty);
    wasNobody.current = nobodyOnDuty;
  }, [nobodyOnDuty]);
  return came;
}

/**
 * While the start page shows an open desk, who is on duty is asked again this often (and when the
 * page becomes visible): a visitor told nobody is there learns without reloading that someone is.
 */
const ON_DUTY_REFRESH_MS = 10_000;

/**
 * The desk info, refreshed just after the desk opens or closes, whenever asked to, and — while
 * `watchOnDuty` and open — every few seconds.
 */
function useDesk(initial: DeskInfo, watchOnDuty: boolean): [DeskInfo, () => void] {
  const [desk, setDesk] = useState(initial);
  const [refreshes, setRefreshes] = useState(0);
  const reload = useCallback(() => {
    fetchDesk()
      .then(setDesk, (error: unknown) => console.warn('Could not refresh the desk info', error))
      .finally(() => setRefreshes((count) => count + 1));
  }, []);
  useEffect(() => {
    const timer = setTimeout(reload, untilScheduleChanges(desk.schedule, Date.now()));
    return () => clearTimeout(timer);
  }, [desk, refreshes, reload]);
  const watching = watchOnDuty && desk.schedule.open;
  useEffect(() => {
    if (!watching) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, ON_DUTY_REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [watching, reload]);
  return [desk, reload];
}
