/**
 * When a video call steps down to voice by itself: the rule over the numbers getStats gives every
 * 2 s (call-session.ts), kept pure so it can be tested without a browser. A line counts as weak
 * only when it stays poor for a whole window (a burst of loss does not switch the video off), and
 * with hysteresis: a sample must be clearly bad to start a poor spell, but only clearly good to
 * break one, so a line hovering at the threshold still steps down.
 */

/** What one stats interval says of the line, worst over the links; null where the browser said nothing. */
export interface LineSample {
  /** Packets lost in the interval, in either direction (what arrives here, what the other side reports), in percent. */
  lossPercent: number | null;
  /** What the video sender may send now — the bandwidth estimate, as the encoder's target follows it — in kbit/s; null when no video is sent. */
  outgoingKbps: number | null;
  /** Video frames that arrived but were dropped before being shown, in percent of those that arrived. */
  framesDroppedPercent: number | null;
}

interface Limits {
  lossPercent: number;
  outgoingKbps: number;
  framesDroppedPercent: number;
}

export const WEAK_LINE = {
  /** Samples in a row that must be poor: 4 × 2 s = 8 s. */
  windowSamples: 4,
  /** A sample this bad starts a poor spell. */
  enter: { lossPercent: 10, outgoingKbps: 150, framesDroppedPercent: 30 } satisfies Limits,
  /** Within a spell, a sample counts as poor until it is better than this. */
  stay: { lossPercent: 4, outgoingKbps: 250, framesDroppedPercent: 10 } satisfies Limits,
} as const;

export function isPoor(sample: LineSample, inSpell: boolean): boolean {
  const limits = inSpell ? WEAK_LINE.stay : WEAK_LINE.enter;
  return (
    (sample.lossPercent !== null && sample.lossPercent >= limits.lossPercent) ||
    (sample.outgoingKbps !== null && sample.outgoingKbps < limits.outgoingKbps) ||
    (sample.framesDroppedPercent !== null && sample.framesDroppedPercent >= limits.framesDroppedPercent)
  );
}

/** Fed one sample per stats interval while video flows; says when to step down to voice. */
export class WeakLineDetector {
  #streak = 0;

  /** True once the line has been poor for a whole window; the count then starts again. */
  push(sample: LineSample): boolean {
    this.#streak = isPoor(sample, this.#streak > 0) ? this.#streak + 1 : 0;
    if (this.#streak < WEAK_LINE.windowSamples) return false;
    this.#streak = 0;
    return true;
  }

  /** Video was turned back on (or stopped flowing): a new window is needed before the next step down. */
  reset(): void {
    this.#streak = 0;
  }
}
