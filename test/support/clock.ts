import type { Clock } from '../../src/server/clock';

/** A clock the test sets. Defaults to a Wednesday 12:00 in Warsaw, inside the default hours. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-01-14T11:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
