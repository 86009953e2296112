/**
 * Runs `work` every `intervalMs` until the returned stop, never two at once: a run still under way
 * when the next is due is not doubled (a slow database). Stop waits for a run under way.
 */
export function repeatEvery(intervalMs: number, work: () => Promise<void>, onError: (error: unknown) => void): () => Promise<void> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= work()
      .catch(onError)
      .finally(() => (running = null));
  }, intervalMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
