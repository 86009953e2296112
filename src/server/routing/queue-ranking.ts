/**
 * The waiting queue as this instance knows it: each waiting conversation's row and, per language,
 * the queue order as a sorted array of keys, so a visitor's place is a binary search and a change
 * is one insertion or removal — not a read of the whole queue. Kept up to date from the database
 * one changed conversation at a time (RoutingService reads the rows the bus named), and read whole
 * only when events may have been missed. Places are counted per language, as docs/routing.md says.
 */
import type { WaitingConversation } from './types';

/** The database's queue order (waiting_since, created_at, id) as one string; ISO times and UUIDs compare as text. */
function orderKey(row: WaitingConversation): string {
  return `${row.waiting_since ?? ''}\u0000${row.created_at}\u0000${row.id}`;
}

/** Index of the first key not below `key`. */
function lowerBound(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keys[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class QueueRanking {
  private readonly rows = new Map<string, { row: WaitingConversation; key: string }>();
  private readonly byLanguage = new Map<string, string[]>();

  /** Everything waiting, as one read of the queue says. */
  replaceAll(waiting: readonly WaitingConversation[]): void {
    this.rows.clear();
    this.byLanguage.clear();
    for (const row of waiting) this.set(row.id, row);
  }

  /** One conversation as the database has it now: its row if it waits, else undefined (it left the queue). */
  set(id: string, row: WaitingConversation | undefined): void {
    const known = this.rows.get(id);
    if (known) {
      const keys = this.byLanguage.get(known.row.language)!;
      keys.splice(lowerBound(keys, known.key), 1);
      this.rows.delete(id);
    }
    if (!row) return;
    const key = orderKey(row);
    let keys = this.byLanguage.get(row.language);
    if (!keys) this.byLanguage.set(row.language, (keys = []));
    keys.splice(lowerBound(keys, key), 0, key);
    this.rows.set(id, { row, key });
  }

  /** A waiting conversation and its place among those of its language (1 = next); undefined if it is not waiting. */
  place(id: string): { row: WaitingConversation; position: number } | undefined {
    const known = this.rows.get(id);
    if (!known) return undefined;
    return { row: known.row, position: lowerBound(this.byLanguage.get(known.row.language)!, known.key) + 1 };
  }
}
