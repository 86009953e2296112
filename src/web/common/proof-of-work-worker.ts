/** Searches a proof-of-work challenge's number with Web Crypto's SHA-256 (altcha-lib), away from the page's thread. */
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import type { PowChallenge, PowPayload } from '../../shared/wire/proof-of-work';

/** Past this the visitor is better told to wait than kept waiting. */
const GIVE_UP_MS = 60_000;

self.onmessage = async (event: MessageEvent<PowChallenge>) => {
  const solution = await solveChallenge({ challenge: event.data, deriveKey, timeout: GIVE_UP_MS }).catch(() => null);
  const answer: PowPayload['solution'] | null = solution && { counter: solution.counter, derivedKey: solution.derivedKey };
  self.postMessage(answer);
};
