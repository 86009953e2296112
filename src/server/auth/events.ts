/** Staff sessions ended (sign-out: one session; password change: all of the user's). */
export interface SessionsEndedEvent {
  kind: 'sessions-ended';
  userId: string;
  /** The one session that ended, or null for every session of the user. */
  sessionHash: string | null;
}

declare module '../events/desk-event' {
  interface DeskEventMap {
    'sessions-ended': SessionsEndedEvent;
  }
}
