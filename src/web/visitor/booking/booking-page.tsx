/**
 * The visitor's private page for a booking, `/booking#<token>`: when the call is (in both time
 * zones), "Join the call" from a few minutes before until it ends, moving it to another free time
 * and cancelling it. Loaded as its own chunk.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DeskInfo, VisitorBooking } from '../../../shared/protocol';
import { Announcer } from '../../common/announcer';
import { errorCodeOf, type ApiErrorCode } from '../../common/api';
import { errorText } from '../../common/error-text';
import { formatInstant, viewerTimeZone } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import type { KeyValueStorage } from '../../common/storage';
import { topicName } from '../../common/topic-name';
import { Header, usePageTitle } from '../header';
import { SiteFooter } from '../office/site-footer';
import { forgetSession, writeSession } from '../session';
import { useFormValidation } from '../use-form-validation';
import { DeleteOwnData, ErasedNotice } from '../delete-own-data';
import { cancelBooking, eraseBooking, fetchBooking, joinBookedCall, moveBooking } from './api';
import { BookingTimes } from './booking-times';
import { SlotPicker } from './slot-picker';
import './booking.css';
import { tabStorage, takePrivateToken } from '../private-link';
import { Confirmation } from '../../common/confirmation';

type Loaded = { status: 'loading' } | { status: 'failed'; code: ApiErrorCode } | { status: 'loaded'; booking: VisitorBooking } | { status: 'deleted' };
type Mode = 'view' | 'moving' | 'confirmCancel';

/** How often the page looks at the clock, to offer "Join the call" when its time comes. */
const CLOCK_TICK_MS = 15_000;

export function BookingPage({ desk, storage }: { desk: DeskInfo; storage: KeyValueStorage }) {
  const t = useT();
  const [token] = useState(() => takePrivateToken('booking', window, tabStorage()));
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [announcement, setAnnouncement] = useState<{ id: number; text: string } | null>(null);

  usePageTitle(desk, t('visitor:booking.page.heading'));

  useEffect(() => {
    if (!token) return;
    fetchBooking(token).then(
      (booking) => setLoaded({ status: 'loaded', booking }),
      (error: unknown) => setLoaded({ status: 'failed', code: errorCodeOf(error) }),
    );
  }, [token]);

  const changed = (booking: VisitorBooking, text: string) => {
    setLoaded({ status: 'loaded', booking });
    setAnnouncement((previous) => ({ id: (previous?.id ?? 0) + 1, text }));
  };

  return (
    <>
      <Header desk={desk} />
      <main id="main" tabIndex={-1} class="content booking-page">
        <h2>{t('visitor:booking.page.heading')}</h2>
        {!token ? (
          <p class="notice notice--error" role="alert">
            {t(desk.sendsEmail ? 'visitor:booking.page.noToken' : 'visitor:booking.page.noTokenNoEmail')}
          </p>
        ) : loaded.status === 'loading' ? (
          <p role="status">{t('visitor:booking.page.loading')}</p>
        ) : loaded.status === 'failed' ? (
          <p class="notice notice--error" role="alert" data-testid="booking-page-error">
            {errorText(t, loaded.code)}
          </p>
        ) : loaded.status === 'deleted' ? (
          <ErasedNotice testId="booking-deleted" text={t('visitor:booking.page.deleted')} />
        ) : (
          <>
            <BookingView token={token} booking={loaded.booking} topicNames={desk.topicNames} sendsEmail={desk.sendsEmail} storage={storage} onChanged={changed} />
            <DeleteOwnData
              id="delete-booking"
              label={t('visitor:booking.page.delete')}
              question={t('visitor:booking.page.deleteQuestion')}
              erase={() => eraseBooking(token)}
              onErased={() => setLoaded({ status: 'deleted' })}
            />
          </>
        )}
        <p>
          <a href="/">{t('visitor:booking.page.home')}</a>
        </p>
        <Announcer id={announcement?.id ?? null} text={announcement?.text ?? ''} />
      </main>
      <SiteFooter office={desk.office} />
    </>
  );
}

interface BookingViewProps {
  token: string;
  booking: VisitorBooking;
  topicNames: DeskInfo['topicNames'];
  /** The office sends e-mail: a change is confirmed by one. */
  sendsEmail: boolean;
  storage: KeyValueStorage;
  onChanged: (booking: VisitorBooking, announcement: string) => void;
}

function BookingView({ token, booking, topicNames, sendsEmail, storage, onChanged }: BookingViewProps) {
  const t = useT();
  const language = useLanguage();
  const now = useNow();
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const cancelled = booking.status === 'cancelled';
  const ended = now >= Date.parse(booking.endsAt);
  const joinable = !cancelled && !ended && now >= Date.parse(booking.joinFrom);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (error) {
      setFailure(errorCodeOf(error));
    } finally {
      setBusy(false);
    }
  };

  const join = () =>
    act(async () => {
      const { token: conversationToken } = await joinBookedCall(token);
      forgetSession(storage);
      writeSession(storage, { token: conversationToken, lastSeq: 0 });
      location.assign('/');
    });

  const cancel = () =>
    act(async () => {
      onChanged(await cancelBooking(token), t(sendsEmail ? 'visitor:booking.page.cancelled' : 'visitor:booking.page.cancelledNoEmail'));
      setMode('view');
      statusRef.current?.focus();
    });

  return (
    <div class="booking-view" data-testid="booking-view" data-status={booking.status}>
      <p ref={statusRef} tabIndex={-1} class={cancelled ? 'status status--closed' : 'status status--open'} data-testid="booking-status">
        {t(`visitor:booking.page.status.${booking.status}`)}
      </p>
      <BookingTimes booking={booking} />
      <p>{topicName(t, booking.topic, language, topicNames?.[booking.topic])}</p>

      {failure && (
        <p class="notice notice--error" role="alert" data-testid="booking-page-error">
          {errorText(t, failure)}
        </p>
      )}

      {!cancelled && ended && <p>{t('visitor:booking.page.ended')}</p>}
      {joinable && (
        <button type="button" class="button button--primary" data-testid="booking-join" disabled={busy} onClick={join}>
          {t('visitor:booking.page.join')}
        </button>
      )}
      {!cancelled && !ended && !joinable && (
        <p data-testid="booking-join-later">
          {t('visitor:booking.page.joinLater', { time: formatInstant(booking.joinFrom, language, viewerTimeZone()) })}
        </p>
      )}

      {!cancelled && !ended && mode === 'view' && (
        <div class="booking-actions">
          <button type="button" class="button" data-testid="booking-move" onClick={() => setMode('moving')}>
            {t('visitor:booking.page.move')}
          </button>
          <button type="button" class="button button--danger" data-testid="booking-cancel" onClick={() => setMode('confirmCancel')}>
            {t('visitor:booking.page.cancel')}
          </button>
        </div>
      )}
      {mode === 'moving' && !cancelled && (
        <MoveForm
          token={token}
          booking={booking}
          onMoved={(moved) => {
            onChanged(moved, t(sendsEmail ? 'visitor:booking.page.moved' : 'visitor:booking.page.movedNoEmail'));
            setMode('view');
            statusRef.current?.focus();
          }}
          onClose={() => setMode('view')}
        />
      )}
      {mode === 'confirmCancel' && !cancelled && (
        <Confirmation
          id="booking-cancel"
          question={t('visitor:booking.page.cancelConfirm')}
          confirmLabel={t('visitor:booking.page.cancelYes')}
          cancelLabel={t('visitor:booking.page.cancelNo')}
          busy={busy}
          onConfirm={cancel}
          onCancel={() => setMode('view')}
        />
      )}
      {cancelled && (
        <p>
          <a href="/">{t('visitor:booking.page.bookAgain')}</a>
        </p>
      )}
    </div>
  );
}

interface MoveFormProps {
  token: string;
  booking: VisitorBooking;
  onMoved: (booking: VisitorBooking) => void;
  onClose: () => void;
}

function MoveForm({ token, booking, onMoved, onClose }: MoveFormProps) {
  const t = useT();
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const validation = useFormValidation({ time: !startsAt });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!validation.check()) return;
    setBusy(true);
    setFailure(null);
    try {
      // check() passed, so a time is chosen (`time` above).
      onMoved(await moveBooking(token, { startsAt: startsAt!, timeZone: viewerTimeZone() }));
    } catch (error) {
      setFailure(errorCodeOf(error));
      validation.hide();
      setReloadKey((key) => key + 1);
      setBusy(false);
    }
  };

  return (
    <form class="booking-form" onSubmit={submit} noValidate data-testid="booking-move-form" aria-labelledby="booking-move-heading">
      <h3 id="booking-move-heading" ref={headingRef} tabIndex={-1}>
        {t('visitor:booking.page.moveHeading')}
      </h3>
      <SlotPicker language={booking.language} value={startsAt} onChange={setStartsAt} exclude={booking.startsAt} reloadKey={reloadKey} invalid={validation.shown('time')} />
      {failure && (
        <p class="notice notice--error" role="alert">
          {errorText(t, failure)}
        </p>
      )}
      <div class="booking-actions">
        <button type="submit" class="button button--primary" data-testid="booking-move-submit" disabled={busy}>
          {t('visitor:booking.page.moveSubmit')}
        </button>
        <button type="button" class="button" onClick={onClose}>
          {t('visitor:booking.page.moveKeep')}
        </button>
      </div>
    </form>
  );
}

/** The current time, updated every CLOCK_TICK_MS. */
function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}
