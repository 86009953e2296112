/**
 * What ends calls besides their members: a ringing call nobody answers (the sweep, on every
 * instance; each call ends once, by a conditional update) and a conversation that closes.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Bus } from '../events/bus';
import type { CallService } from './service';

/** Missed calls are noticed within this time of their ring deadline. */
export const CALL_SWEEP_INTERVAL_MS = 1_000;

export function startCallHousekeeping(calls: CallService, bus: Bus, log: FastifyBaseLogger): () => void {
  const warn = (what: string) => (error: unknown) => log.warn({ err: error }, what);
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    calls
      .expireUnanswered()
      .catch(warn('could not end unanswered calls'))
      .finally(() => (sweeping = false));
  }, CALL_SWEEP_INTERVAL_MS);
  const unsubscribe = bus.subscribe((event) => {
    if (event.kind === 'conversation' && event.summary.status === 'closed') {
      calls.endForClosedConversation(event.summary.id).catch(warn('could not end the call of a closed conversation'));
    }
  });
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}
