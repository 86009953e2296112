/**
 * The only call code in the first load: it watches the socket for a call and loads the call panel
 * (call-panel.tsx, its own chunk with the WebRTC code and styles) once a call starts or rings, so
 * the visitor page does not grow for those who never call.
 */
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Call, CallKind, CallPeer, CallSettings, ClientFrame, ServerFrame } from '../../../shared/protocol';
import { useT } from '../i18n';
import type { CallPanelProps } from './call-panel';

/** The desk's socket as a call sees it. */
export interface CallChannel {
  send(frame: ClientFrame): boolean;
  subscribe(listener: (frame: ServerFrame) => void): () => void;
}

/** Someone pressed a call button; `nonce` tells two presses apart. */
export interface CallIntent {
  kind: CallKind;
  conversationId?: string;
  nonce: number;
}

/** A channel over an app's connection: the app calls `emit` with every frame it receives. */
export function callChannel(send: (frame: ClientFrame) => boolean): CallChannel & { emit(frame: ServerFrame): void } {
  const listeners = new Set<(frame: ServerFrame) => void>();
  return {
    send,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(frame) {
      // Errors too: a refused call.start or call.accept is answered with an error frame.
      if (frame.type.startsWith('call.') || frame.type === 'error') for (const listener of listeners) listener(frame);
    },
  };
}

const intentListeners = new Set<(intent: CallIntent) => void>();
let nonce = 0;

/** Starts a call from a button anywhere in the app (the console's conversation view). */
export function requestCall(kind: CallKind, conversationId?: string): void {
  const intent = { kind, conversationId, nonce: ++nonce };
  for (const listener of intentListeners) listener(intent);
}

interface CallDockProps {
  channel: CallChannel;
  /** This side's address in calls (`visitor`, or the staff member's id); null until known. */
  self: CallPeer | null;
  settings: CallSettings | undefined;
  mayStart: boolean;
  visitorName: string;
  fillsPhone?: CallPanelProps['fillsPhone'];
}

/** Holds the current call and, only when there is one, the lazily loaded panel that shows it. */
export function CallDock({ channel, self, settings, mayStart, visitorName, fillsPhone }: CallDockProps) {
  const [call, setCall] = useState<Call | null>(null);
  const [intent, setIntent] = useState<CallIntent | null>(null);
  const [Panel, setPanel] = useState<ComponentType<CallPanelProps> | null>(null);

  useEffect(
    () =>
      channel.subscribe((frame) => {
        if (frame.type !== 'call.updated') return;
        // One call at a time: another call's news does not replace a live one.
        setCall((current) => (!current || current.id === frame.call.id || current.state === 'ended' ? frame.call : current));
        if (frame.call.state !== 'ended') setIntent(null);
      }),
    [channel],
  );
  const live = call !== null && call.state !== 'ended';
  const liveRef = useRef(live);
  liveRef.current = live;
  useEffect(() => {
    const listener = (next: CallIntent) => {
      if (liveRef.current) return; // one call at a time; its panel is on screen
      setCall(null);
      setIntent(next);
    };
    intentListeners.add(listener);
    return () => void intentListeners.delete(listener);
  }, []);

  const wanted = intent !== null || live;
  useEffect(() => {
    if (!wanted || Panel) return;
    import('./call-panel').then(
      (module) => setPanel(() => module.CallPanel),
      (error: unknown) => console.warn('Could not load the call', error),
    );
  }, [wanted, Panel]);

  if (!Panel || !self || !settings || (!intent && !call)) return null;
  return (
    <Panel
      channel={channel}
      self={self}
      settings={settings}
      mayStart={mayStart}
      call={call}
      intent={intent}
      visitorName={visitorName}
      fillsPhone={fillsPhone}
      onStart={(kind) => {
        setIntent({ kind, conversationId: call?.conversationId, nonce: ++nonce });
        setCall(null);
      }}
      onDismiss={() => {
        setIntent(null);
        setCall(null);
      }}
    />
  );
}

interface CallButtonsProps {
  /** The console names the conversation; a visitor's socket is bound to one. */
  conversationId?: string;
  mayStart: boolean;
  /** The visitor asks to be called instead (when they may not start a call); false when offline. */
  onAsk?: () => boolean;
  /** The log holds the visitor's request, not answered yet (request.ts). */
  requestOpen?: boolean;
  className: string;
}

export function CallButtons({ conversationId, mayStart, onAsk, requestOpen = false, className }: CallButtonsProps) {
  const t = useT();
  const [askedHere, setAskedHere] = useState(false);
  // A "not now" or a call answers the request: the promise to be called goes, and asking again is possible.
  useEffect(() => {
    if (!requestOpen) setAskedHere(false);
  }, [requestOpen]);
  const asked = askedHere || requestOpen;
  if (!mayStart) {
    if (!onAsk) return null;
    return (
      <div class={className}>
        {asked ? (
          <p role="status" data-testid="call-asked">
            {t('common:call.asked')}
          </p>
        ) : (
          <button type="button" class="button" data-testid="call-ask" onClick={() => setAskedHere(onAsk())}>
            {t('common:call.ask')}
          </button>
        )}
      </div>
    );
  }
  return (
    <div class={className} role="group" aria-label={t('common:call.heading')}>
      <button type="button" class="button" data-testid="call-start-voice" onClick={() => requestCall('voice', conversationId)}>
        {t('common:call.start.voice')}
      </button>
      <button type="button" class="button" data-testid="call-start-video" onClick={() => requestCall('video', conversationId)}>
        {t('common:call.start.video')}
      </button>
    </div>
  );
}
