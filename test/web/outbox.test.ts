import { describe, expect, it, vi } from 'vitest';
import { Outbox, newClientId, type PendingMessage } from '../../src/web/common/outbox';
import { memoryStorage } from '../../src/web/common/storage';

const KEY = 'test.outbox';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Outbox', () => {
  it('keeps pending messages across a reload', () => {
    const storage = memoryStorage();
    const first = new Outbox(storage, KEY);
    const message = first.add('Dzień dobry');
    expect(message).toMatchObject({ body: 'Dzień dobry', status: 'sending', error: null });
    expect(message.clientId).toMatch(UUID);
    expect(new Outbox(storage, KEY).items).toEqual([message]);
  });

  it('re-sends on flush only what still waits for an ack', () => {
    const outbox = new Outbox(memoryStorage(), KEY);
    const waiting = outbox.add('one');
    const refused = outbox.add('two');
    outbox.fail(refused.clientId, 'message_too_long');
    const sent: PendingMessage[] = [];
    outbox.flush((message) => sent.push(message) > 0);
    outbox.flush((message) => sent.push(message) > 0);
    expect(sent.map((message) => message.clientId)).toEqual([waiting.clientId, waiting.clientId]);
  });

  it('forgets a message once acknowledged, also in storage', () => {
    const storage = memoryStorage();
    const outbox = new Outbox(storage, KEY);
    const message = outbox.add('hello');
    outbox.ack(message.clientId);
    outbox.ack(message.clientId);
    expect(outbox.items).toEqual([]);
    expect(new Outbox(storage, KEY).items).toEqual([]);
  });

  it('marks a refused message failed with the reason, and retry queues it again', () => {
    const outbox = new Outbox(memoryStorage(), KEY);
    const message = outbox.add('hello');
    outbox.fail(message.clientId, 'rate_limited');
    expect(outbox.items[0]).toMatchObject({ status: 'failed', error: 'rate_limited' });
    expect(outbox.retry(message.clientId)).toMatchObject({ status: 'sending', error: null });
  });

  it('ignores acks and failures for messages it does not hold', () => {
    const onChange = vi.fn();
    const outbox = new Outbox(memoryStorage(), KEY, onChange);
    outbox.ack(newClientId());
    outbox.fail(newClientId(), 'internal_error');
    expect(outbox.retry(newClientId())).toBeUndefined();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('reports every change', () => {
    const onChange = vi.fn();
    const outbox = new Outbox(memoryStorage(), KEY, onChange);
    const message = outbox.add('a');
    outbox.fail(message.clientId, 'rate_limited');
    outbox.discard(message.clientId);
    expect(onChange).toHaveBeenCalledTimes(3);
  });

  it('starts empty when the stored value is damaged', () => {
    const storage = memoryStorage();
    storage.setItem(KEY, '{not json');
    expect(new Outbox(storage, KEY).items).toEqual([]);
    storage.setItem(KEY, JSON.stringify([{ clientId: 1 }]));
    expect(new Outbox(storage, KEY).items).toEqual([]);
  });

  it('merges the writes of two tabs sharing one storage key instead of keeping the last', () => {
    const storage = memoryStorage();
    const firstTab = new Outbox(storage, KEY);
    const secondTab = new Outbox(storage, KEY);
    const one = firstTab.add('from the first tab');
    const two = secondTab.add('from the second tab');
    const three = firstTab.add('first tab again');
    const stored = () => new Outbox(storage, KEY).items.map((message) => message.body);
    expect(stored()).toEqual(['from the first tab', 'from the second tab', 'first tab again']);

    // An ack in one tab is not undone by the other tab's next write.
    secondTab.ack(one.clientId);
    firstTab.fail(three.clientId, 'rate_limited');
    expect(stored()).toEqual(['from the second tab', 'first tab again']);
    expect(new Outbox(storage, KEY).items.find((m) => m.clientId === three.clientId)?.status).toBe('failed');

    // A flush sends every tab's waiting messages; the client ids make a double send harmless.
    const sent: string[] = [];
    firstTab.flush((message) => sent.push(message.clientId) > 0);
    expect(sent).toEqual([two.clientId]);
  });

  it('picks up another tab\'s changes on refresh, reporting them', () => {
    const storage = memoryStorage();
    const onChange = vi.fn();
    const firstTab = new Outbox(storage, KEY, onChange);
    new Outbox(storage, KEY).add('elsewhere');
    firstTab.refresh();
    firstTab.refresh();
    expect(firstTab.items.map((message) => message.body)).toEqual(['elsewhere']);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('keeps working from memory when storage refuses writes', () => {
    const storage = memoryStorage();
    const outbox = new Outbox({ ...storage, setItem: () => { throw new Error('QuotaExceededError'); } }, KEY);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const one = outbox.add('one');
    outbox.add('two');
    expect(outbox.items.map((message) => message.body)).toEqual(['one', 'two']);
    outbox.ack(one.clientId);
    expect(outbox.items.map((message) => message.body)).toEqual(['two']);
    vi.restoreAllMocks();
  });

  it('fails every waiting message at once, leaving failed ones as they are', () => {
    const outbox = new Outbox(memoryStorage(), KEY);
    const waiting = outbox.add('one');
    const refused = outbox.add('two');
    outbox.fail(refused.clientId, 'rate_limited');
    outbox.failWaiting('conversation_closed');
    expect(outbox.items.map((m) => [m.clientId, m.error])).toEqual([
      [waiting.clientId, 'conversation_closed'],
      [refused.clientId, 'rate_limited'],
    ]);
  });

  it('makes version 4 UUIDs even where randomUUID is unavailable (plain http)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: real.getRandomValues.bind(real) });
    try {
      expect(newClientId()).toMatch(UUID);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
