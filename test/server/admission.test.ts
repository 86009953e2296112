import { describe, expect, it } from 'vitest';
import { AdmissionGate } from '../../src/server/admission';

/** Whether a promise has settled after the microtasks queued so far. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('AdmissionGate', () => {
  it('refuses new work with busy past the bound, and admits again once work is done', () => {
    const gate = new AdmissionGate(2);
    const first = gate.admit();
    gate.admit();
    expect(() => gate.admit()).toThrow(expect.objectContaining({ code: 'busy' }));
    first();
    first(); // a second call releases nothing more
    gate.admit();
    expect(() => gate.admit()).toThrow(expect.objectContaining({ code: 'busy' }));
  });

  it('lets hellos wait their turn in arrival order, ahead of new work', async () => {
    const gate = new AdmissionGate(1);
    const running = gate.admit();
    const order: string[] = [];
    const first = gate.turn().then((release) => (order.push('first'), release));
    const second = gate.turn().then((release) => (order.push('second'), release));
    expect(await settled(first)).toBe(false);

    running();
    expect(() => gate.admit()).toThrow(expect.objectContaining({ code: 'busy' }));
    (await first)();
    (await second)();
    expect(order).toEqual(['first', 'second']);
    gate.admit();
  });

  it('refuses a hello with busy once the waiting ones reach their bound', async () => {
    const gate = new AdmissionGate(1, 1);
    gate.admit();
    const waiting = gate.turn();
    await expect(gate.turn()).rejects.toMatchObject({ code: 'busy' });
    expect(await settled(waiting)).toBe(false);
  });

  it('admits a waiting hello only when work under way, resends included, is back below the bound', async () => {
    const gate = new AdmissionGate(1);
    const running = gate.admit();
    const resend = gate.enter();
    const hello = gate.turn();
    running();
    expect(await settled(hello)).toBe(false);
    resend();
    expect(await settled(hello)).toBe(true);
  });
});
