import argon2 from 'argon2';
import { AppError } from '../errors';

/**
 * argon2id with the library's defaults (64 MiB, t=3, p=4), which follow OWASP's guidance. Each
 * hash takes a thread of libuv's pool, which file reads share: at most `hashesAtOnce` run at a
 * time, and one more is refused at once with `server_busy` rather than queued behind a flood.
 */
export class PasswordHasher {
  private running = 0;
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
    if (this.running >= this.hashesAtOnce) throw new AppError('server_busy');
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
    }
  }
}
