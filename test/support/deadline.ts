/**
 * How long a test waits for something that should happen before it calls the wait hung. It exists
 * only to end a hung test with a message that says what never came: it is never a performance
 * target (those are measured by `npm run bench`), so it is generous enough for a busy machine.
 */
export const HUNG_AFTER_MS = 15_000;

/** Waits for a real event: polls `probe` every few milliseconds until it returns a value, or gives up as hung. */
export async function until<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { giveUpAfterMs = HUNG_AFTER_MS, intervalMs = 10 }: { giveUpAfterMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const giveUpAt = Date.now() + giveUpAfterMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > giveUpAt) {
      throw new Error(`gave up after ${giveUpAfterMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
