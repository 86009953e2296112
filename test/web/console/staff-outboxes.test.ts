import { describe, expect, it } from 'vitest';
import { StaffOutboxes } from '../../../src/web/console/staff-outboxes';

describe('staff outboxes', () => {
  it('keeps each conversation’s pending messages apart and finds one by client id', () => {
    let changes = 0;
    const outboxes = new StaffOutboxes(() => changes++);
    const first = outboxes.for('a').add('Dzień dobry');
    outboxes.for('b').add('Hello');
    expect(outboxes.pending('a').map((m) => m.body)).toEqual(['Dzień dobry']);
    expect(outboxes.pending('unknown')).toEqual([]);
    expect(outboxes.find(first.clientId)).toMatchObject({ conversationId: 'a', message: { body: 'Dzień dobry' } });
    outboxes.for('a').ack(first.clientId);
    expect(outboxes.find(first.clientId)).toBeUndefined();
    expect(changes).toBe(3);
  });
});
