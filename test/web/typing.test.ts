import { describe, expect, it } from 'vitest';
import { TYPING_SEND_INTERVAL_MS, TypingSender } from '../../src/web/common/typing';

function sender() {
  let now = 1_000_000;
  const sent: boolean[] = [];
  const typing = new TypingSender((active) => sent.push(active), () => now);
  return { typing, sent, advance: (ms: number) => (now += ms) };
}

describe('TypingSender', () => {
  it('says "typing" once per interval while the text keeps changing', () => {
    const { typing, sent, advance } = sender();
    typing.changed('D');
    typing.changed('Dz');
    advance(TYPING_SEND_INTERVAL_MS - 1);
    typing.changed('Dzi');
    expect(sent).toEqual([true]);
    advance(1);
    typing.changed('Dzie');
    expect(sent).toEqual([true, true]);
  });

  it('says "stopped" once when the box empties (a sent message empties it), and only after "typing"', () => {
    const { typing, sent } = sender();
    typing.changed('   ');
    typing.stop();
    expect(sent).toEqual([]);
    typing.changed('Hello');
    typing.changed('');
    typing.stop();
    expect(sent).toEqual([true, false]);
    typing.changed('Again');
    expect(sent).toEqual([true, false, true]);
  });
});
