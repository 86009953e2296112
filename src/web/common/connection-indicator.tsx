import type { ConnectionState } from './connection';

/** The connection's state in words and as a dot whose look differs per state (never colour alone). */
export function ConnectionIndicator({ state, text }: { state: ConnectionState; text: string }) {
  return (
    <p class={`connection connection--${state}`} role="status" data-testid="connection-state" data-state={state}>
      <span class="connection-dot" aria-hidden="true" />
      {text}
    </p>
  );
}
