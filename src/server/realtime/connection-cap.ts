/** At most `limit` open connections per key on this instance (a client address, a token). */
export class ConnectionCap {
  private readonly open = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Counts one connection for the key and returns its release, or undefined when the key is at its limit. */
  admit(key: string): (() => void) | undefined {
    const count = this.open.get(key) ?? 0;
    if (count >= this.limit) return undefined;
    this.open.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left === 0) this.open.delete(key);
      else this.open.set(key, left);
    };
  }
}
