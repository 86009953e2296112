/**
 * Connects the desk state to the staff WebSocket: says hello, fetches the history of own
 * conversations it lacks, resumes them and unsent messages after every welcome, and turns the
 * consultant's actions into frames.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClientFrame, Message, ServerFrame } from '../../shared/protocol';
import { Connection, type ConnectionState, wsUrl } from '../common/connection';
import type { PendingMessage } from '../common/outbox';
import {
  type CloseOutcome,
  type DeskAction,
  type DeskState,
  closedWhileAway,
  deskReducer,
  follows,
  initialDeskState,
  syncRequests,
} from './desk-state';
import { StaffOutboxes } from './staff-outboxes';

export interface DeskActions {
  select(conversationId: string): void;
  take(conversationId: string): void;
  send(conversationId: string, body: string): void;
  retry(conversationId: string, clientId: string): void;
  /** A message of this consultant's stored by another route (a file upload): in the log at once. */
  showDelivered(conversationId: string, message: Message): void;
  close(conversationId: string, topic: string, outcome: CloseOutcome): void;
  dismissNotice(): void;
  /** The consultant is typing in the conversation (or stopped). */
  typing(conversationId: string, active: boolean): void;
  /** The consultant has read the conversation up to `seq`. */
  markRead(conversationId: string, seq: number): void;
  /** Hears every frame from the server (notes, typing); returns how to stop. */
  listen(listener: (frame: ServerFrame) => void): () => void;
  /** Sends a call frame (src/web/common/call); false when offline. */
  sendCall(frame: ClientFrame): boolean;
  /** Sends a routing frame (availability, declining an offer); false when offline. */
  sendRouting(frame: ClientFrame): boolean;
}

export interface Desk {
  state: DeskState;
  connectionState: ConnectionState;
  pending: (conversationId: string) => readonly PendingMessage[];
  actions: DeskActions;
}

export function useDesk(onSessionEnded: () => void): Desk {
  // The reducer runs here, not in useReducer: frames arrive faster than renders, and what to send
  // next depends on the state each frame leaves behind.
  const stateRef = useRef<DeskState>(initialDeskState);
  const [state, setState] = useState<DeskState>(initialDeskState);
  const [connectionState, setConnectionState] = useState<ConnectionState>('connecting');
  const [, setOutboxVersion] = useState(0);
  const connectionRef = useRef<Connection | null>(null);
  const [frameListeners] = useState(() => new Set<(frame: ServerFrame) => void>());
  const outboxesRef = useRef<StaffOutboxes | null>(null);
  outboxesRef.current ??= new StaffOutboxes(() => setOutboxVersion((version) => version + 1));
  const outboxes = outboxesRef.current;

  function dispatch(action: DeskAction): DeskState {
    stateRef.current = deskReducer(stateRef.current, action);
    setState(stateRef.current);
    return stateRef.current;
  }

  useEffect(() => {
    const connection = new Connection({
      url: wsUrl(),
      hello: () => ({ type: 'staff.hello' }),
      isWelcome: (frame) => frame.type === 'welcome.staff',
      onStateChange: setConnectionState,
      onFrame: receive,
    });
    connectionRef.current = connection;
    connection.start();
    return () => connection.stop();
  }, []);

  function receive(frame: ServerFrame) {
    for (const listener of frameListeners) listener(frame);
    switch (frame.type) {
      case 'ack':
        return deliver(frame);
      case 'error':
        if (frame.code === 'unauthenticated') return onSessionEnded();
        if (frame.clientId) outboxes.find(frame.clientId)?.outbox.fail(frame.clientId, frame.code);
        break;
      case 'history':
        settle(frame.messages);
        break;
      case 'message':
        settle([frame.message]);
        break;
    }
    const before = stateRef.current;
    const after = dispatch({ type: 'frame', frame });
    const syncs = syncRequests(before, frame, after);
    if (syncs.length > 0) dispatch({ type: 'syncing', conversationIds: syncs.map((sync) => sync.conversationId) });
    for (const sync of syncs) transmit({ type: 'conversation.sync', ...sync });
    if (frame.type === 'welcome.staff') resend(before, frame);
  }

  /** An ack makes the pending message part of the log at once, before its echo arrives. */
  function deliver({ clientId, seq, sentAt }: Extract<ServerFrame, { type: 'ack' }>) {
    const found = outboxes.find(clientId);
    if (!found) return;
    const message: Message = {
      seq,
      clientId,
      author: 'staff',
      authorName: stateRef.current.me?.name ?? null,
      body: found.message.body,
      event: null,
      sentAt,
    };
    dispatch({ type: 'delivered', conversationId: found.conversationId, message });
    found.outbox.ack(clientId);
  }

  /** A message whose ack was lost with the connection shows up in the history instead. */
  function settle(messages: Message[]) {
    for (const { clientId } of messages) if (clientId) outboxes.find(clientId)?.outbox.ack(clientId);
  }

  /**
   * After every welcome, once the syncs are on their way: re-send what was never acknowledged in
   * open conversations; in those that closed meanwhile it can no longer be delivered.
   */
  function resend(before: DeskState, welcome: Extract<ServerFrame, { type: 'welcome.staff' }>) {
    for (const conversation of welcome.conversations) {
      if (conversation.status !== 'active' || !follows(conversation, welcome.user.id)) continue;
      const conversationId = conversation.id;
      outboxes.for(conversationId).flush((message) => transmit(messageFrame(conversationId, message)));
    }
    for (const conversationId of closedWhileAway(before, welcome)) {
      outboxes.for(conversationId).failWaiting('conversation_closed');
    }
  }

  const transmit = (frame: ClientFrame) => connectionRef.current?.send(frame) ?? false;

  const actions: DeskActions = {
    select: (conversationId) => dispatch({ type: 'select', conversationId }),
    take(conversationId) {
      dispatch({ type: 'take', conversationId });
      transmit({ type: 'conversation.take', conversationId });
    },
    send(conversationId, body) {
      const message = outboxes.for(conversationId).add(body);
      transmit(messageFrame(conversationId, message));
    },
    retry(conversationId, clientId) {
      const message = outboxes.for(conversationId).retry(clientId);
      if (message) transmit(messageFrame(conversationId, message));
    },
    showDelivered: (conversationId, message) => dispatch({ type: 'delivered', conversationId, message }),
    close: (conversationId, topic, outcome) => transmit({ type: 'conversation.close', conversationId, topic, outcome }),
    dismissNotice: () => dispatch({ type: 'dismissNotice' }),
    typing: (conversationId, active) => void transmit({ type: 'typing', conversationId, active }),
    markRead: (conversationId, seq) => void transmit({ type: 'conversation.read', conversationId, seq }),
    listen(listener) {
      frameListeners.add(listener);
      return () => void frameListeners.delete(listener);
    },
    sendCall: (frame) => transmit(frame),
    sendRouting: (frame) => transmit(frame),
  };

  return { state, connectionState, pending: (conversationId) => outboxes.pending(conversationId), actions };
}

function messageFrame(conversationId: string, message: PendingMessage): ClientFrame {
  return { type: 'message.send', conversationId, clientId: message.clientId, body: message.body };
}
