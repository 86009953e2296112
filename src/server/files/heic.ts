/**
 * iPhone photos (HEIC/HEIF) into JPEG for the normal image path. sharp's prebuilt libvips reads
 * their header but cannot decode HEVC; heic-convert can, in WebAssembly, synchronously — a
 * 12-megapixel photo keeps a core busy for seconds. So each conversion runs in a worker thread of
 * its own, one at a time per process: the event loop keeps serving sockets, at most one decoded
 * bitmap is in memory, and its memory goes back when the worker exits.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';

/** Plain JavaScript, evaluated by the worker: the same under tsx, Vitest and the bundle. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const convert = require(workerData.module);
convert({ buffer: workerData.bytes, format: 'JPEG', quality: 0.92 }).then(
  (jpeg) => parentPort.postMessage(jpeg),
  () => parentPort.postMessage(null),
);
`;

let queue: Promise<unknown> = Promise.resolve();

/** A decoder that hangs would hold every later conversion in the queue: past this, the photo is refused. */
const CONVERSION_TIMEOUT_MS = 30_000;

/**
 * The photo's first image as JPEG. Its size is read from the header first and refused past
 * `maxPixels` (the limit every image has) before anything is decoded.
 */
export function heicToJpeg(bytes: Buffer, maxPixels: number, timeoutMs = CONVERSION_TIMEOUT_MS): Promise<Buffer> {
  const turn = queue.then(() => convertChecked(bytes, maxPixels, timeoutMs));
  queue = turn.catch(() => undefined);
  return turn;
}

async function convertChecked(bytes: Buffer, maxPixels: number, timeoutMs: number): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const { width, height } = await sharp(bytes)
    .metadata()
    .catch(() => ({ width: 0, height: 0 }));
  if (width * height === 0 || width * height > maxPixels) throw new AppError('file_unreadable');
  const jpeg = await inWorker(bytes, timeoutMs);
  if (!jpeg) throw new AppError('file_unreadable');
  return jpeg;
}

function inWorker(bytes: Buffer, timeoutMs: number): Promise<Buffer | null> {
  const module = createRequire(import.meta.url).resolve('heic-convert');
  return new Promise((resolve) => {
    // A buffer the decoder cannot read is refused (null), whether it rejects, aborts the worker or hangs.
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, bytes } });
    const timer = setTimeout(() => {
      resolve(null);
      void worker.terminate();
    }, timeoutMs);
    const settle = (jpeg: Buffer | null) => {
      clearTimeout(timer);
      resolve(jpeg);
    };
    worker.once('message', (jpeg: Uint8Array | null) => {
      settle(jpeg && Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength));
      void worker.terminate();
    });
    worker.once('error', () => settle(null));
    worker.once('exit', () => settle(null));
  });
}
