/**
 * The call as both apps show it, loaded only when a call starts or rings (see launcher.tsx): the
 * explanation before the browser asks for the camera, the incoming-call prompt (visible, audible,
 * announced), the call itself with its controls, and how it ended with a way to call again. The
 * lifecycle behind these screens is the CallController's; this file only renders and forwards clicks.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { CALL_ROUTES, type Call, type CallKind, type CallPeer, type CallSettings, type Interpreter } from '../../../shared/protocol';
import { api } from '../api';
import { Announcer } from '../announcer';
import { Confirmation } from '../confirmation';
import { useT } from '../i18n';
import { CallController } from './call-controller';
import { CallSession, type RemotePeer } from './call-session';
import type { CallChannel, CallIntent } from './launcher';
import { startRingTone } from './ring-tone';
import './call.css';

export interface CallPanelProps {
  channel: CallChannel;
  self: CallPeer;
  settings: CallSettings;
  /** Whether this side may start a call (the visitor only when the office allows it). */
  mayStart: boolean;
  call: Call | null;
  intent: CallIntent | null;
  /** A name to show for a member who has none in the call (the visitor). */
  visitorName: string;
  onStart: (kind: CallKind) => void;
  onDismiss: () => void;
  /**
   * On a phone (PHONE_QUERY) a call fills the screen, and once it has been answered and ends it
   * closes by itself and calls `onClosed`, so the chat is back; elsewhere it stays a box in the page.
   */
  fillsPhone?: { onClosed: () => void };
}

/** The visitor page's phone layout (visitor.css, call.css use the same width). */
const PHONE_QUERY = '(max-width: 40rem)';

export function CallPanel(props: CallPanelProps) {
  const { channel, self, settings, call, intent } = props;
  const t = useT();
  const [controller] = useState(() => new CallController({ channel, self, settings, createSession: (options) => new CallSession(options) }));
  // The state while rendering, so the view is drawn once from the current props; the links (media,
  // peer connections) after the render, never during it.
  controller.see(call, intent, { channel, self, settings });
  const [, setVersion] = useState(0);
  // Before paint, not after it: a socket frame that came in between would change nothing on screen.
  useLayoutEffect(() => {
    const unsubscribe = controller.subscribe(() => setVersion((v) => v + 1));
    return () => {
      unsubscribe();
      controller.dispose();
    };
  }, [controller]);
  // After the subscription above, so what settling changes is drawn.
  useLayoutEffect(() => controller.settle());

  const view = controller.view();
  const answered = useRef(false);
  if (view.screen === 'inCall') answered.current = true;
  // Only a video call fills the phone; a voice call stays a box in the chat that says how it ended.
  const closesItself = view.screen === 'ended' && view.call.kind === 'video' && answered.current && props.fillsPhone !== undefined && matchMedia(PHONE_QUERY).matches;
  useLayoutEffect(() => {
    if (!closesItself) return;
    answered.current = false;
    props.onDismiss();
    props.fillsPhone?.onClosed();
  }, [closesItself]);
  if (closesItself) return null;
  switch (view.screen) {
    case 'explain':
      return <Explanation kind={view.kind} onContinue={() => void controller.start(view.kind)} onCancel={props.onDismiss} />;
    case 'acquiring':
      return (
        <CallBox heading={t('common:call.heading')} testId="call-acquiring">
          <p role="status">{t('common:call.acquiring')}</p>
        </CallBox>
      );
    case 'failed':
      return <Failure reason={view.error.reason} text={t(`common:call.error.${view.error.reason}`)} onClose={props.onDismiss} />;
    case 'refused':
      return <Failure reason={view.code} text={t(`common:errors.${view.code}`)} onClose={props.onDismiss} />;
    case 'hidden':
      return null;
    case 'ended':
      return <Ended call={view.call} mayStart={props.mayStart} onRedial={props.onStart} onClose={props.onDismiss} />;
    case 'incoming': {
      const from = view.from ?? (view.invitation ? t('common:call.who.consultant') : props.visitorName);
      return (
        <Incoming
          call={view.call}
          from={from}
          invitation={view.invitation}
          asksBeforeEnding={self === 'visitor'}
          onAccept={(kind) => void controller.accept(kind)}
          onDecline={() => controller.decline()}
        />
      );
    }
    case 'elsewhere':
      return (
        <CallBox heading={t('common:call.heading')} testId="call-elsewhere">
          <p>{t('common:call.elsewhere')}</p>
        </CallBox>
      );
    case 'rejoin':
      return (
        <CallBox heading={t(`common:call.kind.${view.call.kind}`)} testId="call-rejoin">
          <p>{t('common:call.rejoin.text')}</p>
          <div class="call-actions">
            <button type="button" class="button button--primary" data-testid="call-rejoin-button" onClick={() => void controller.rejoin()}>
              {t('common:call.rejoin.button')}
            </button>
          </div>
        </CallBox>
      );
    case 'inCall':
      return (
        <InCall
          call={view.call}
          session={view.session}
          self={self}
          visitorName={props.visitorName}
          notice={controller.fellBack ? t('common:call.error.noCamera') : null}
          cameraCount={controller.cameraCount}
          isConsultant={view.isConsultant}
          fillsPhone={props.fillsPhone !== undefined}
          onHangUp={() => controller.hangUp()}
          onInvite={(staffId) => controller.invite(staffId)}
        />
      );
  }
}

interface CallBoxProps {
  heading: string;
  testId: string;
  className?: string;
  /** The box covers the phone's screen (call.css): the page behind it is made inert meanwhile. */
  fillsScreen?: boolean;
  children: preact.ComponentChildren;
}

function CallBox({ heading, testId, className = 'call', fillsScreen = false, children }: CallBoxProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  useLayoutEffect(() => headingRef.current?.focus(), [testId]);
  useLayoutEffect(() => (fillsScreen && matchMedia(PHONE_QUERY).matches && sectionRef.current ? makeTheRestInert(sectionRef.current) : undefined), [fillsScreen]);
  return (
    <section ref={sectionRef} class={className} aria-labelledby="call-heading" data-testid={testId}>
      <h3 id="call-heading" ref={headingRef} tabIndex={-1}>
        {heading}
      </h3>
      {children}
    </section>
  );
}

/**
 * Everything on the page but `element` becomes inert (no focus, not read), so nothing hidden under
 * a full-screen call can be reached (WCAG 2.4.11); returns the undoing.
 */
function makeTheRestInert(element: HTMLElement): () => void {
  const made: Element[] = [];
  for (let node: HTMLElement | null = element; node && node !== document.body; node = node.parentElement) {
    for (const sibling of node.parentElement?.children ?? []) {
      if (sibling === node || sibling.hasAttribute('inert')) continue;
      sibling.setAttribute('inert', '');
      made.push(sibling);
    }
  }
  return () => made.forEach((sibling) => sibling.removeAttribute('inert'));
}

function Explanation({ kind, onContinue, onCancel }: { kind: CallKind; onContinue: () => void; onCancel: () => void }) {
  const t = useT();
  return (
    <CallBox heading={t('common:call.explain.heading')} testId="call-explanation">
      <p>{t(`common:call.explain.${kind}`)}</p>
      <div class="call-actions">
        <button type="button" class="button button--primary" data-testid="call-continue" onClick={onContinue}>
          {t('common:call.explain.continue')}
        </button>
        <button type="button" class="button" data-testid="call-cancel" onClick={onCancel}>
          {t('common:call.explain.cancel')}
        </button>
      </div>
    </CallBox>
  );
}

function Failure({ reason, text, onClose }: { reason: string; text: string; onClose: () => void }) {
  const t = useT();
  return (
    <CallBox heading={t('common:call.heading')} testId="call-failed">
      <p role="alert" data-testid="call-error" data-reason={reason}>
        {text}
      </p>
      <button type="button" class="button" data-testid="call-close" onClick={onClose}>
        {t('common:call.close')}
      </button>
    </CallBox>
  );
}

interface IncomingProps {
  call: Call;
  from: string;
  invitation: boolean;
  asksBeforeEnding: boolean;
  onAccept: (kind: CallKind) => void;
  onDecline: () => void;
}

function Incoming({ call, from, invitation, asksBeforeEnding, onAccept, onDecline }: IncomingProps) {
  const t = useT();
  const acceptRef = useRef<HTMLButtonElement>(null);
  const text = invitation ? t('common:call.incoming.invitation', { name: from }) : t(`common:call.incoming.${call.kind}`, { name: from });
  useEffect(() => {
    acceptRef.current?.focus();
    return startRingTone();
  }, [call.id]);
  return (
    <section class="call call--incoming" role="alertdialog" aria-labelledby="call-incoming-text" aria-describedby="call-incoming-why" data-testid="call-incoming">
      <h3 id="call-incoming-text">{text}</h3>
      <p id="call-incoming-why">{t(`common:call.explain.${call.kind}`)}</p>
      <Announcer id={call.id} text={text} />
      <div class="call-actions">
        <button ref={acceptRef} type="button" class="button button--primary" data-testid="call-accept" onClick={() => onAccept(call.kind)}>
          {t('common:call.accept')}
        </button>
        {call.kind === 'video' && (
          <button type="button" class="button" data-testid="call-accept-audio" onClick={() => onAccept('voice')}>
            {t('common:call.acceptAudio')}
          </button>
        )}
        <EndingButton id="call-decline" label={t('common:call.decline')} question={t('common:call.declineQuestion')} asks={asksBeforeEnding} onEnd={onDecline} />
      </div>
    </section>
  );
}

interface EndingButtonProps {
  /** Test id of the button, and prefix of its confirmation's (`<id>-confirm`, `<id>-cancel`). */
  id: string;
  label: string;
  question: string;
  asks: boolean;
  onEnd: () => void;
}

/**
 * Declining or hanging up. The visitor, often on a phone with one thumb, is asked first, in a box
 * in the middle of the screen: away from the button just tapped, over the full-screen video.
 */
function EndingButton({ id, label, question, asks, onEnd }: EndingButtonProps) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const goBack = () => {
    setAsking(false);
    buttonRef.current?.focus();
  };
  return (
    <>
      <button ref={buttonRef} type="button" class="button button--danger" data-testid={id} onClick={() => (asks ? setAsking(true) : onEnd())}>
        {label}
      </button>
      {asking && (
        <div class="call-confirmation">
          <Confirmation id={id} question={question} confirmLabel={label} cancelLabel={t('common:call.goBack')} onConfirm={onEnd} onCancel={goBack} />
        </div>
      )}
    </>
  );
}

interface InCallProps {
  call: Call;
  session: CallSession;
  self: CallPeer;
  visitorName: string;
  notice: string | null;
  cameraCount: number;
  isConsultant: boolean;
  fillsPhone: boolean;
  onHangUp: () => void;
  onInvite: (staffId: string) => void;
}

function InCall({ call, session, self, visitorName, notice, cameraCount, isConsultant, fillsPhone, onHangUp, onInvite }: InCallProps) {
  const t = useT();
  const nameOf = (peer: CallPeer) => (peer === 'visitor' ? visitorName : call.members.find((m) => m.peer === peer)?.name ?? t('common:call.who.consultant'));
  const remotes = session.remotes;
  const ringing = call.state === 'ringing';
  const connected = remotes.some((r) => r.state === 'connected');
  const status = ringing ? t('common:call.ringing') : connected ? t('common:call.state.connected') : t('common:call.state.connecting');
  const stateId = `${call.state}:${connected}`;
  const kind = session.steppedDown ? 'voice' : call.kind;
  return (
    <CallBox
      heading={t(`common:call.kind.${kind}`)}
      testId="call-active"
      className={fillsPhone && call.kind === 'video' ? 'call call--fills-phone' : 'call'}
      fillsScreen={fillsPhone && call.kind === 'video'}
    >
      <p class="call-status" data-testid="call-status" data-state={ringing ? 'ringing' : connected ? 'connected' : 'connecting'}>
        {status}
      </p>
      <Announcer id={stateId} text={status} />
      {notice && <p class="call-notice" role="status">{notice}</p>}
      {session.steppedDown && (
        <div class="call-notice" data-testid="call-weak-line">
          <p role="status">{t('common:call.weakLine.text')}</p>
          <button type="button" class="button" data-testid="call-video-back" onClick={() => session.turnVideoBackOn()}>
            {t('common:call.weakLine.videoBack')}
          </button>
        </div>
      )}
      <div class="call-tiles">
        {remotes.map((remote) => (
          <RemoteTile key={remote.peer} remote={remote} name={nameOf(remote.peer)} />
        ))}
        {session.local && session.hasVideo && !session.cameraOff && <SelfView stream={session.local} />}
      </div>
      <p
        class="visually-hidden"
        data-testid="call-outbound"
        data-audio-bytes-sent={session.outbound.audioBytesSent}
        data-video-bytes-sent={session.outbound.videoBytesSent}
      />
      <div class="call-actions" role="toolbar" aria-label={t('common:call.controls')}>
        {/* Hang up apart from the toggles: on a phone it has a row of its own that no other button
            moves into, so a tap that changes the toggles never lands on it (call.css). */}
        <div class="call-toggles">
          <button type="button" class="button" aria-pressed={session.muted} data-testid="call-mute" onClick={() => session.setMuted(!session.muted)}>
            {t('common:call.mute')}
          </button>
          {session.hasVideo && (
            <button type="button" class="button" aria-pressed={session.cameraOff} data-testid="call-camera" onClick={() => session.setCameraOff(!session.cameraOff)}>
              {t('common:call.cameraOff')}
            </button>
          )}
          {session.hasVideo && cameraCount > 1 && (
            <button type="button" class="button" data-testid="call-switch-camera" onClick={() => void session.switchCamera()}>
              {t('common:call.switchCamera')}
            </button>
          )}
          {session.hasVideo && self === 'visitor' && (
            <button type="button" class="button" data-testid="call-audio-only" onClick={() => session.audioOnly()}>
              {t('common:call.audioOnly')}
            </button>
          )}
          {isConsultant && call.kind === 'video' && session.hasVideo && (
            <button type="button" class="button" aria-pressed={session.sharingScreen} data-testid="call-share-screen" onClick={() => void session.shareScreen().catch(() => undefined)}>
              {t('common:call.shareScreen')}
            </button>
          )}
        </div>
        <EndingButton id="call-hangup" label={t('common:call.hangup')} question={t('common:call.hangupQuestion')} asks={self === 'visitor'} onEnd={onHangUp} />
      </div>
      {isConsultant && call.state === 'active' && <InterpreterInvite call={call} onInvite={onInvite} />}
    </CallBox>
  );
}

/** The consultant finds an available interpreter of a language (`pjm`: Polish Sign Language) and invites them. */
function InterpreterInvite({ call, onInvite }: { call: Call; onInvite: (staffId: string) => void }) {
  const t = useT();
  const [language, setLanguage] = useState('pjm');
  const [found, setFound] = useState<Interpreter[] | null>(null);
  const [invited, setInvited] = useState<string | null>(null);
  const find = () => {
    setInvited(null);
    api(CALL_ROUTES.interpreters, { query: { language } }).then(
      (list) => setFound(list.interpreters.filter((i) => !call.members.some((m) => m.peer === i.id))),
      () => setFound([]),
    );
  };
  return (
    <details class="call-interpreter" data-testid="call-interpreter">
      <summary>{t('common:call.interpreter.heading')}</summary>
      <label for="call-interpreter-language">{t('common:call.interpreter.language')}</label>
      <input id="call-interpreter-language" value={language} maxLength={3} size={4} onInput={(e) => setLanguage(e.currentTarget.value.trim().toLowerCase())} />
      <button type="button" class="button" data-testid="call-interpreter-find" onClick={find}>
        {t('common:call.interpreter.find')}
      </button>
      {found && found.length === 0 && <p role="status">{t('common:call.interpreter.none')}</p>}
      {found && found.length > 0 && (
        <ul>
          {found.map((interpreter) => (
            <li key={interpreter.id}>
              <button
                type="button"
                class="button"
                data-testid="call-interpreter-invite"
                onClick={() => {
                  onInvite(interpreter.id);
                  setInvited(interpreter.name);
                }}
              >
                {t('common:call.interpreter.invite', { name: interpreter.name })} ({interpreter.interpreterLanguages.join(', ')})
              </button>
            </li>
          ))}
        </ul>
      )}
      {invited && <p role="status">{t('common:call.interpreter.invited', { name: invited })}</p>}
    </details>
  );
}

function RemoteTile({ remote, name }: { remote: RemotePeer; name: string }) {
  const t = useT();
  const videoRef = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (videoRef.current && videoRef.current.srcObject !== remote.stream) videoRef.current.srcObject = remote.stream;
  });
  const quality = remote.quality ? t(`common:call.quality.${remote.quality}`) : '';
  return (
    <figure
      class="call-tile"
      data-testid="call-remote"
      data-peer={remote.peer}
      data-state={remote.state}
      data-frames-decoded={remote.framesDecoded}
      data-quality={remote.quality ?? ''}
      data-outgoing-kbps={remote.outgoingKbps ?? ''}
    >
      <video ref={videoRef} autoplay playsInline aria-label={t('common:call.video.remote', { name })} />
      <figcaption>
        {name} · {t(`common:call.state.${remote.state}`)}
        {quality && ` · ${quality}`}
      </figcaption>
    </figure>
  );
}

function SelfView({ stream }: { stream: MediaStream }) {
  const t = useT();
  const videoRef = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (videoRef.current) videoRef.current.srcObject = stream;
  }, [stream]);
  return (
    <figure class="call-tile call-tile--self">
      <video ref={videoRef} autoplay playsInline muted aria-label={t('common:call.video.self')} />
    </figure>
  );
}

interface EndedProps {
  call: Call;
  mayStart: boolean;
  onRedial: (kind: CallKind) => void;
  onClose: () => void;
}

function Ended({ call, mayStart, onRedial, onClose }: EndedProps) {
  const t = useT();
  const reason = call.endReason ?? 'hangup';
  return (
    <CallBox heading={t('common:call.heading')} testId="call-ended">
      <p role="status" data-testid="call-ended-reason" data-reason={reason}>
        {t(`common:call.ended.${reason}`)}
      </p>
      <div class="call-actions">
        {mayStart && (
          <button type="button" class="button button--primary" data-testid="call-redial" onClick={() => onRedial(call.kind)}>
            {t('common:call.redial')}
          </button>
        )}
        <button type="button" class="button" data-testid="call-close" onClick={onClose}>
          {t('common:call.close')}
        </button>
      </div>
    </CallBox>
  );
}
