/**
 * Bounds the database work one instance has under way (running or waiting for a connection).
 * Past the bound new work is refused at once with `busy`, rather than queueing until the pool's
 * connection timeout fails it anyway: the client hears "retry later" early, and what waits in
 * memory stays bounded.
 */
import { AppError } from './errors';

/** How long a client told `busy` waits before trying again (it adds jitter). */
export const BUSY_RETRY_MS = 2_000;

export class AdmissionGate {
  private underWay = 0;

  constructor(private readonly limit: number) {}

  /** Admits new work or throws `busy`; call the returned function when the work is done. */
  admit(): () => void {
    if (this.underWay >= this.limit) throw new AppError('busy');
    return this.enter();
  }

  /** Admits work that must not be refused (a resend, answered from what is stored when possible). */
  enter(): () => void {
    this.underWay++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.underWay--;
    };
  }
}
