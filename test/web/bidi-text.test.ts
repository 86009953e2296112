import { describe, expect, it } from 'vitest';
import { isolateParts } from '../../src/web/common/bidi-text';

describe('isolateParts', () => {
  it('marks each filled-in name and number, leaving the translated words around them', () => {
    expect(isolateParts('أنت تتحدث مع Anna Nowak.', ['Anna Nowak'])).toEqual([
      { text: 'أنت تتحدث مع ', isolated: false },
      { text: 'Anna Nowak', isolated: true },
      { text: '.', isolated: false },
    ]);
    expect(isolateParts('مكانك في قائمة الانتظار: 3', [3])).toEqual([
      { text: 'مكانك في قائمة الانتظار: ', isolated: false },
      { text: '3', isolated: true },
    ]);
  });

  it('prefers the longer of two overlapping values and treats their characters literally', () => {
    expect(isolateParts('Ann (A.) and Anna', ['Ann', 'Anna', 'A.'])).toEqual([
      { text: 'Ann', isolated: true },
      { text: ' (', isolated: false },
      { text: 'A.', isolated: true },
      { text: ') and ', isolated: false },
      { text: 'Anna', isolated: true },
    ]);
  });

  it('leaves the text whole when there is nothing to isolate', () => {
    expect(isolateParts('Connected', [null, undefined, ''])).toEqual([{ text: 'Connected', isolated: false }]);
  });
});
