import { describe, expect, it, vi } from 'vitest';
import { FINE_POINTER_QUERY, hasFinePointer, measureDraft, sendsOnEnter } from '../../src/web/common/composer-input';

const key = (overrides: Partial<{ key: string; shiftKey: boolean; isComposing: boolean }> = {}) => ({
  key: 'Enter',
  shiftKey: false,
  isComposing: false,
  ...overrides,
});

describe('sendsOnEnter', () => {
  it('sends on Enter with a fine pointer, and Shift+Enter adds a line', () => {
    expect(sendsOnEnter(key(), true)).toBe(true);
    expect(sendsOnEnter(key({ shiftKey: true }), true)).toBe(false);
    expect(sendsOnEnter(key({ key: 'a' }), true)).toBe(false);
  });

  it('never interrupts an input method composition', () => {
    expect(sendsOnEnter(key({ isComposing: true }), true)).toBe(false);
  });

  it('leaves Enter to add a line on touch screens (the Send button sends)', () => {
    expect(sendsOnEnter(key(), false)).toBe(false);
  });
});

describe('hasFinePointer', () => {
  it('asks for (pointer: fine)', () => {
    const matchMedia = vi.fn((query: string) => ({ matches: query === FINE_POINTER_QUERY }));
    expect(hasFinePointer(matchMedia)).toBe(true);
    expect(matchMedia).toHaveBeenCalledWith('(pointer: fine)');
    expect(hasFinePointer(() => ({ matches: false }))).toBe(false);
  });

  it('assumes a keyboard where matchMedia is missing', () => {
    expect(hasFinePointer(undefined)).toBe(true);
  });
});

describe('measureDraft', () => {
  it('sends the trimmed text and refuses an empty one', () => {
    expect(measureDraft('  Dzień dobry \n', 100)).toMatchObject({ body: 'Dzień dobry', length: 11, canSend: true });
    expect(measureDraft(' \n ', 100)).toMatchObject({ body: '', canSend: false, tooLong: false });
  });

  it('shows the counter from 80 % of the limit', () => {
    expect(measureDraft('x'.repeat(79), 100).showCounter).toBe(false);
    expect(measureDraft('x'.repeat(80), 100).showCounter).toBe(true);
  });

  it('refuses a message over the limit instead of cutting it', () => {
    const draft = measureDraft('x'.repeat(101), 100);
    expect(draft).toMatchObject({ length: 101, tooLong: true, canSend: false });
    expect(measureDraft('x'.repeat(100), 100)).toMatchObject({ tooLong: false, canSend: true });
  });

  it('has no counter while the limit is unknown', () => {
    expect(measureDraft('x'.repeat(5000), Number.POSITIVE_INFINITY)).toMatchObject({ showCounter: false, canSend: true });
  });
});
