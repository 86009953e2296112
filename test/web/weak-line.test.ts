import { describe, expect, it } from 'vitest';
import { isPoor, WEAK_LINE, WeakLineDetector, type LineSample } from '../../src/web/common/call/weak-line';

const GOOD: LineSample = { lossPercent: 0, outgoingKbps: 480, framesDroppedPercent: 0 };
const LOSSY: LineSample = { ...GOOD, lossPercent: 12 };
const SQUEEZED: LineSample = { ...GOOD, outgoingKbps: 60 };
const DROPPING: LineSample = { ...GOOD, framesDroppedPercent: 40 };
/** Between the thresholds: not bad enough to start a poor spell, not good enough to end one. */
const HOVERING: LineSample = { lossPercent: 6, outgoingKbps: 200, framesDroppedPercent: 15 };

const feed = (detector: WeakLineDetector, samples: LineSample[]) => samples.map((sample) => detector.push(sample));

describe('the weak-line rule', () => {
  it('counts a sample as poor on loss, a squeezed outgoing bitrate or dropped frames; missing numbers count as nothing', () => {
    for (const sample of [LOSSY, SQUEEZED, DROPPING]) expect(isPoor(sample, false)).toBe(true);
    expect(isPoor(GOOD, false)).toBe(false);
    expect(isPoor({ lossPercent: null, outgoingKbps: null, framesDroppedPercent: null }, true)).toBe(false);
  });

  it('has hysteresis: a hovering sample does not start a poor spell but does not end one either', () => {
    expect(isPoor(HOVERING, false)).toBe(false);
    expect(isPoor(HOVERING, true)).toBe(true);
  });

  it('steps down only after a whole window of poor samples, once, then needs a whole window again', () => {
    const detector = new WeakLineDetector();
    const window = Array.from({ length: WEAK_LINE.windowSamples }, () => LOSSY);
    expect(feed(detector, window.slice(1))).toEqual(window.slice(1).map(() => false));
    expect(detector.push(SQUEEZED)).toBe(true);
    expect(detector.push(LOSSY)).toBe(false);
  });

  it('a short burst of loss does not step down; a good sample breaks the spell', () => {
    const detector = new WeakLineDetector();
    const burst = [LOSSY, LOSSY, GOOD, LOSSY, LOSSY, GOOD, LOSSY];
    expect(feed(detector, burst).some(Boolean)).toBe(false);
  });

  it('a line hovering at the threshold after a bad start steps down', () => {
    const detector = new WeakLineDetector();
    expect(feed(detector, [LOSSY, HOVERING, HOVERING, HOVERING])).toEqual([false, false, false, true]);
  });

  it('starts again after a reset (video turned back on)', () => {
    const detector = new WeakLineDetector();
    feed(detector, [LOSSY, LOSSY, LOSSY]);
    detector.reset();
    expect(detector.push(LOSSY)).toBe(false);
  });
});
