/**
 * How long a test waits for something that should happen before it calls the wait hung. It exists
 * only to end a hung test with a message that says what never came: it is never a performance
 * target (those are measured by `npm run bench`), so it is generous enough for a busy machine.
 */
export const HUNG_AFTER_MS = 15_000;
