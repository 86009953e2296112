import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/shared/protocol';
import { mergeMessages } from '../../src/web/visitor/timeline';

const message = (seq: number, body = `m${seq}`): Message => ({
  seq,
  clientId: null,
  author: 'staff',
  authorName: 'Anna',
  body,
  event: null,
  sentAt: '2025-03-03T10:00:00.000Z',
});

describe('mergeMessages', () => {
  it('orders by seq whatever the arrival order', () => {
    expect(mergeMessages([message(2)], [message(3), message(1)]).map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('keeps a translation already received when the same message comes again without it', () => {
    const translation = { status: 'translated', from: 'es', to: 'en', text: 'Good morning' } as const;
    const merged = mergeMessages([{ ...message(1, 'Buenos días'), translation }], [message(1, 'Buenos días')]);
    expect(merged[0]?.translation).toEqual(translation);
  });

  it('keeps one message per seq, the newest copy', () => {
    const merged = mergeMessages([message(1, 'local copy'), message(2)], [message(1, 'server copy')]);
    expect(merged.map((m) => m.body)).toEqual(['server copy', 'm2']);
  });
});
