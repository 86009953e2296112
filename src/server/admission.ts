/**
 * Bounds the database work one instance has under way (running or waiting for a connection).
 * Past the bound new work is refused at once with `busy`, rather than queueing until the pool's
 * connection timeout fails it anyway: the client hears "retry later" early, and what waits in
 * memory stays bounded.
 *
 * A hello is the exception: it waits its turn. Its socket is open and held either way, so waiting
 * costs little more than the socket, while refusing it costs a new connection and the client's
 * back-off (seconds) — after a restart, every client of the instance says hello at once.
 */
import { AppError } from './errors';

/** How long a client told `busy` waits before trying again (it adds jitter). */
export const BUSY_RETRY_MS = 2_000;

/** Hellos waiting their turn at most; past it a hello is refused with `busy` too. */
export const HELLOS_WAITING_MAX = 10_000;

export class AdmissionGate {
  private underWay = 0;
  private readonly waiting: ((release: () => void) => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly waitingLimit = HELLOS_WAITING_MAX,
  ) {}

  /** Admits new work or throws `busy`; call the returned function when the work is done. */
  admit(): () => void {
    if (this.underWay >= this.limit) throw new AppError('busy');
    return this.enter();
  }

  /** Admits work that must not be refused (a resend, answered from what is stored when possible). */
  enter(): () => void {
    this.underWay++;
    return this.releaser();
  }

  /** Admits now or, in arrival order, once work under way is done; `busy` only past the bound on waiting. */
  turn(): Promise<() => void> {
    if (this.underWay < this.limit) return Promise.resolve(this.enter());
    if (this.waiting.length >= this.waitingLimit) return Promise.reject(new AppError('busy'));
    return new Promise((admitted) => this.waiting.push(admitted));
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.underWay--;
      // The freed place goes to the first waiting, before any new work can take it.
      while (this.underWay < this.limit && this.waiting.length > 0) this.waiting.shift()!(this.enter());
    };
  }
}
