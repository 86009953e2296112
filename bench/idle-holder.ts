/**
 * A child process of the bench that opens idle visitor sockets (hello, welcome, then silence) and
 * holds them. Several holders share the load, so no one process nears its open-files limit.
 */
import { mapLimit, openVisitor, type BenchSocket } from './clients';

export type HolderCommand = { type: 'open'; wsUrl: string; tokens: string[] } | { type: 'count' };
export type HolderReply = { type: 'opened'; ok: number; failed: number; error?: string } | { type: 'count'; open: number };

const CONCURRENCY = 100;
/** Refusals in a row after which the server is taken to be full and the rest is not tried. */
const GIVE_UP_AFTER = 100;
const BATCH_TIMEOUT_MS = 180_000;

const sockets: BenchSocket[] = [];

async function open(wsUrl: string, tokens: string[]): Promise<HolderReply> {
  const deadline = Date.now() + BATCH_TIMEOUT_MS;
  let failedInARow = 0;
  let failed = 0;
  let error: string | undefined;
  await mapLimit(tokens, CONCURRENCY, async (token) => {
    if (failedInARow >= GIVE_UP_AFTER || Date.now() > deadline) {
      failed++;
      return;
    }
    try {
      sockets.push(await openVisitor(wsUrl, token));
      failedInARow = 0;
    } catch (e) {
      failed++;
      failedInARow++;
      error ??= (e as Error).message;
    }
  });
  return { type: 'opened', ok: tokens.length - failed, failed, ...(error && { error }) };
}

process.on('message', (command: HolderCommand) => {
  const reply =
    command.type === 'open' ? open(command.wsUrl, command.tokens) : Promise.resolve({ type: 'count', open: sockets.filter((s) => s.isOpen).length } as const);
  void reply.then((r) => process.send?.(r));
});
process.on('disconnect', () => process.exit(0));
