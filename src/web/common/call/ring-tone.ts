/**
 * The incoming-call tone, made with Web Audio (no sound file to download): two short bursts of
 * 440 + 480 Hz, the European ringing cadence, repeated every three seconds. Returns a stop function.
 */
const REPEAT_MS = 3_000;
const VOLUME = 0.08;

export function startRingTone(): () => void {
  if (typeof AudioContext === 'undefined') return () => undefined;
  let context: AudioContext;
  try {
    context = new AudioContext();
  } catch {
    return () => undefined;
  }
  const ring = () => {
    const gain = context.createGain();
    gain.connect(context.destination);
    const start = context.currentTime;
    gain.gain.setValueAtTime(0, start);
    for (const offset of [0, 0.6]) {
      gain.gain.linearRampToValueAtTime(VOLUME, start + offset + 0.02);
      gain.gain.setValueAtTime(VOLUME, start + offset + 0.4);
      gain.gain.linearRampToValueAtTime(0, start + offset + 0.42);
    }
    for (const frequency of [440, 480]) {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start(start);
      oscillator.stop(start + 1.1);
    }
  };
  void context.resume().catch(() => undefined);
  ring();
  const timer = setInterval(ring, REPEAT_MS);
  return () => {
    clearInterval(timer);
    void context.close().catch(() => undefined);
  };
}
