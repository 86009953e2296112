/**
 * ClamAV's clamd over its socket protocol (zINSTREAM): the bytes go in chunks, each with its length
 * as four big-endian bytes, a zero length ends them, and clamd answers one NUL-terminated line:
 * `stream: OK`, `stream: <signature> FOUND` or `… ERROR`. A file larger than clamd's StreamMaxLength
 * is answered `INSTREAM size limit exceeded. ERROR` every time: that file is refused (ScanRefused).
 * Anything else but OK or FOUND (clamd down, an error, no answer in time) is "not scanned": the
 * caller keeps the file pending and asks again.
 */
import { connect, type Socket } from 'node:net';
import type { ClamdAddress } from '../config';

export type ScanVerdict = { clean: true } | { clean: false; signature: string };

export class ScannerUnavailable extends Error {
  constructor(reason: string) {
    super(`virus scanner unavailable: ${reason}`);
    this.name = 'ScannerUnavailable';
  }
}

/** clamd will never check this file (it is over clamd's size limit): asking again cannot help. */
export class ScanRefused extends Error {
  constructor(reason: string) {
    super(`virus scanner refused the file: ${reason}`);
    this.name = 'ScanRefused';
  }
}

export interface VirusScanner {
  scan(bytes: Buffer): Promise<ScanVerdict>;
}

const CHUNK_BYTES = 64 * 1024;

export class ClamdScanner implements VirusScanner {
  constructor(
    private readonly address: ClamdAddress,
    /** No verdict within this time (a hung clamd) counts as unavailable. */
    private readonly timeoutMs: number,
  ) {}

  scan(bytes: Buffer): Promise<ScanVerdict> {
    return new Promise((resolve, reject) => {
      const socket: Socket = 'path' in this.address ? connect(this.address.path) : connect(this.address.port, this.address.host);
      const answer: Buffer[] = [];
      let settled = false;
      const finish = (error: Error | null, verdict?: ScanVerdict) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        if (error) reject(error);
        else resolve(verdict!);
      };
      socket.setTimeout(this.timeoutMs, () => finish(new ScannerUnavailable('no answer in time')));
      // clamd answers a stream over its size limit and closes while we may still be writing: the
      // write fails (EPIPE, ECONNRESET), yet its answer may be in. 'close' comes after every 'data',
      // so the verdict is decided there, from the answer if there is one.
      let failure: Error | undefined;
      socket.on('error', (error) => {
        failure = error;
      });
      socket.on('data', (chunk) => {
        answer.push(chunk);
        const text = Buffer.concat(answer).toString('utf8');
        if (text.includes('\0')) finish(...readVerdict(text.slice(0, text.indexOf('\0'))));
      });
      socket.on('close', () => {
        const text = Buffer.concat(answer).toString('utf8').replace(/\0.*$/s, '');
        if (failure && !text) finish(new ScannerUnavailable(failure.message));
        else finish(...readVerdict(text));
      });
      socket.on('connect', () => {
        socket.write('zINSTREAM\0');
        for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
          const chunk = bytes.subarray(offset, offset + CHUNK_BYTES);
          const length = Buffer.alloc(4);
          length.writeUInt32BE(chunk.length);
          socket.write(length);
          socket.write(chunk);
        }
        socket.write(Buffer.alloc(4));
      });
    });
  }
}

function readVerdict(line: string): [Error | null, ScanVerdict?] {
  const reply = line.replace(/^stream:\s*/, '').trim();
  if (reply === 'OK') return [null, { clean: true }];
  const found = /^(.+) FOUND$/.exec(reply);
  if (found) return [null, { clean: false, signature: found[1]! }];
  if (/size limit exceeded/i.test(reply)) return [new ScanRefused(`clamd answered "${reply.slice(0, 200)}"`)];
  return [new ScannerUnavailable(reply ? `clamd answered "${reply.slice(0, 200)}"` : 'clamd closed without a verdict')];
}
