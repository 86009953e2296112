/** The desk session (desk-session.ts) as a hook: one session per signed-in console, re-rendered on each change. */
import { useEffect, useState } from 'preact/hooks';
import type { CallChannel } from '../common/call/launcher';
import type { ConnectionState } from '../common/connection';
import type { SessionEnd } from '../common/api';
import type { PendingMessage } from '../common/outbox';
import { type DeskActions, DeskSession } from './desk-session';
import type { DeskState } from './desk-state';

export interface Desk {
  state: DeskState;
  connectionState: ConnectionState;
  pending: (conversationId: string) => readonly PendingMessage[];
  actions: DeskActions;
  calls: CallChannel;
}

export function useDesk(onSessionEnded: (end: SessionEnd) => void): Desk {
  const [, setVersion] = useState(0);
  const [session] = useState(() => new DeskSession({ onChange: () => setVersion((version) => version + 1), onSessionEnded }));
  useEffect(() => {
    session.start();
    return () => session.stop();
  }, [session]);
  return {
    state: session.state,
    connectionState: session.connectionState,
    pending: (conversationId) => session.pending(conversationId),
    actions: session.actions,
    calls: session.calls,
  };
}
