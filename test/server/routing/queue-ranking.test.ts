/**
 * The ranking is the queue's order without reading the queue: after any sequence of joins,
 * departures, returns to the front and language changes, every place equals the one a full read of
 * the queue, sorted as the database sorts it, gives.
 */
import { describe, expect, it } from 'vitest';
import { QueueRanking } from '../../../src/server/routing/queue-ranking';
import type { WaitingConversation } from '../../../src/server/routing/types';
import { seededRandom } from '../../../bench/random';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 2, 8, minute)).toISOString();

function row(id: string, language: string, waitingMinute: number, createdMinute = waitingMinute): WaitingConversation {
  return { id, language, spoken_language: null, topic: 'work', waiting_since: at(waitingMinute), created_at: at(createdMinute) };
}

/** The places a full read gives: ordered by waiting_since, created_at, id; counted per language. */
function placesFromFullRead(rows: Iterable<WaitingConversation>): Map<string, number> {
  const sorted = [...rows].sort(
    (a, b) => a.waiting_since!.localeCompare(b.waiting_since!) || a.created_at.localeCompare(b.created_at) || (a.id < b.id ? -1 : 1),
  );
  const counts = new Map<string, number>();
  return new Map(
    sorted.map((r) => {
      const position = (counts.get(r.language) ?? 0) + 1;
      counts.set(r.language, position);
      return [r.id, position];
    }),
  );
}

describe('the queue ranking', () => {
  it('counts places per language in queue order; a departure moves up only those behind it', () => {
    const ranking = new QueueRanking();
    ranking.replaceAll([row('a', 'pl', 1), row('b', 'en', 2), row('c', 'pl', 3), row('d', 'pl', 4)]);
    expect(['a', 'b', 'c', 'd'].map((id) => ranking.place(id)?.position)).toEqual([1, 1, 2, 3]);

    ranking.set('c', undefined);
    expect(['a', 'b', 'c', 'd'].map((id) => ranking.place(id)?.position)).toEqual([1, 1, undefined, 2]);
  });

  it('puts a conversation returned to the front before those who came after it first arrived', () => {
    const ranking = new QueueRanking();
    ranking.replaceAll([row('b', 'pl', 2), row('c', 'pl', 3)]);
    ranking.set('a', row('a', 'pl', 1));
    expect(ranking.place('a')?.position).toBe(1);
    expect(ranking.place('c')?.position).toBe(3);
  });

  it('moves a conversation whose visitor changed language to the other language’s queue, keeping its time', () => {
    const ranking = new QueueRanking();
    ranking.replaceAll([row('a', 'pl', 1), row('b', 'en', 2), row('c', 'pl', 3)]);
    ranking.set('a', row('a', 'en', 1));
    expect(ranking.place('a')).toMatchObject({ position: 1, row: { language: 'en' } });
    expect(ranking.place('b')?.position).toBe(2);
    expect(ranking.place('c')?.position).toBe(1);
  });

  it('agrees with a full read after a thousand random changes, the same row set twice included', () => {
    const random = seededRandom(17);
    const ranking = new QueueRanking();
    const truth = new Map<string, WaitingConversation>();
    for (let step = 0; step < 1_000; step++) {
      const id = `c${Math.floor(random() * 300)}`;
      const leaves = random() < 0.3;
      const next = leaves ? undefined : row(id, random() < 0.5 ? 'pl' : 'uk', Math.floor(random() * 50), Math.floor(random() * 50));
      ranking.set(id, next);
      if (next) truth.set(id, next);
      else truth.delete(id);
      if (next && random() < 0.1) ranking.set(id, next);
    }
    const expected = placesFromFullRead(truth.values());
    expect(expected.size).toBeGreaterThan(50);
    for (const [id, position] of expected) expect(ranking.place(id)?.position).toBe(position);
    for (let i = 0; i < 300; i++) if (!truth.has(`c${i}`)) expect(ranking.place(`c${i}`)).toBeUndefined();
  });
});
