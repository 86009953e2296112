/**
 * The proof of work a per-address limit asks for (src/server/proof-of-work), solved off the main
 * thread: a chunk `api.ts` imports only when a server answers `challenge_required`, which starts the
 * worker. The challenge is passed on as the server sent it (the server checks what comes back; a
 * malformed one finds no solution), which keeps the schemas, and with them zod, out of this chunk.
 */
import { POW_HEADER } from '../../shared/wire/proof-of-work-header';
import type { PowChallenge, PowPayload } from '../../shared/wire/proof-of-work';

/** The request once more with the solution, or null when none was found (`checking` is told while the search runs). */
export async function withSolution(init: RequestInit | undefined, problem: unknown, checking: (on: boolean) => void): Promise<RequestInit | null> {
  const challenge = (problem as { challenge?: PowChallenge } | null)?.challenge;
  checking(true);
  try {
    const solution = challenge ? await solve(challenge) : null;
    if (!solution) return null;
    const payload: PowPayload = { challenge: challenge!, solution };
    return { ...init, headers: { ...(init?.headers as Record<string, string> | undefined), [POW_HEADER]: btoa(JSON.stringify(payload)) } };
  } finally {
    checking(false);
  }
}

async function solve(challenge: PowChallenge): Promise<PowPayload['solution'] | null> {
  const worker = new Worker(new URL('./proof-of-work-worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise((resolve) => {
      worker.onmessage = (event: MessageEvent<PowPayload['solution'] | null>) => resolve(event.data);
      worker.onerror = () => resolve(null);
      worker.postMessage(challenge);
    });
  } finally {
    worker.terminate();
  }
}
