/**
 * SQLite's WAL checkpoints, run beside the event loop instead of on it.
 *
 * Left to itself, the connection that commits the 1,000th page of the write-ahead log copies the
 * log into the database file and syncs it, inside that commit: the message append that happens to
 * cross the mark holds the event loop for 20–35 ms on this project's 2-core machine, every few
 * hundred messages, and every socket waits behind it. Here a worker thread with a connection of
 * its own checkpoints every CHECKPOINT_INTERVAL_MS, in PASSIVE mode (it never waits for, nor
 * blocks, the writer). The server's connection keeps a backstop of its own far above what the
 * worker lets the log reach, so the log stays bounded even if the worker stops.
 *
 * One sync stays on the event loop: the first commit after a complete checkpoint starts the log
 * again and syncs its new header, in the writer, and no setting moves it. It is short when the
 * worker has just synced the log (a few ms at the bench's 400 appends/s).
 *
 * A checkpoint changes nothing that is committed: it copies pages the log already holds. A
 * commit is durable as before (WAL with synchronous=NORMAL: it survives the process dying).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

const CHECKPOINT_INTERVAL_MS = 100;
/** Pages (4 KiB) of log after which the server's own connection checkpoints, if the worker has not. */
export const BACKSTOP_PAGES = 10_000;

/** Plain JavaScript, evaluated by the worker: the same under tsx, Vitest and the bundle. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
// A checkpoint that fails (a disk error) is tried again at the next tick, as SQLite would at its next commit.
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {}
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Resolves once the worker has closed its connection. */
  stop(): Promise<void>;
}

/** Starts checkpointing `path` beside the event loop; `connection` is the server's own. */
export function checkpointInBackground(connection: SQLite.Database, path: string): Checkpointer {
  connection.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, path, intervalMs: CHECKPOINT_INTERVAL_MS } });
  // Not a reason to keep the process alive; and a worker that fails leaves the backstop working.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', () => {});
  return {
    stop: () => {
      // Held while it closes: a process with nothing else left to do (the admin CLI) would
      // otherwise end before the worker's connection is closed, and before its own last words.
      worker.ref();
      worker.postMessage('stop');
      return exited;
    },
  };
}
