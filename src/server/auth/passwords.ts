import argon2 from 'argon2';
import { AppError } from '../errors';

/** Hashes that may wait for a free slot, per slot: enough for a team signing in at nine. */
const WAITING_PER_SLOT = 4;

/**
 * argon2id with the library's defaults (64 MiB, t=3, p=4), which follow OWASP's guidance. Each
 * hash takes a thread of libuv's pool, which file reads share: at most `hashesAtOnce` run at a
 * time, a few more wait their turn, and beyond that one is refused at once with `busy`
 * rather than queued behind a flood.
 */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private decoy: Promise<string> | undefined;

  constructor(private readonly hashesAtOnce: number) {}

  hash(password: string): Promise<string> {
    return this.bounded(() => argon2.hash(password, { type: argon2.argon2id }));
  }

  /** Against the decoy hash when there is no account, so both answers take the same time. */
  verify(hash: string | undefined, password: string): Promise<boolean> {
    return this.bounded(async () => {
      try {
        return await argon2.verify(hash ?? (await this.decoyHash()), password);
      } catch {
        return false;
      }
    });
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= argon2.hash('decoy password that matches nothing', { type: argon2.argon2id });
    return this.decoy;
  }

  private async bounded<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.hashesAtOnce) {
      if (this.waiting.length >= this.hashesAtOnce * WAITING_PER_SLOT) throw new AppError('busy');
      await new Promise<void>((turn) => this.waiting.push(turn));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      // The slot passes straight to the next waiting hash, if any.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
