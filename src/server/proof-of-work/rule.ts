/**
 * Where a request stands against a per-address limit with a proof-of-work ceiling: up to the limit
 * it passes untouched (nobody under it is ever asked for work); past it, up to `ceilingFactor`
 * times the limit, it passes with a fresh solution and is otherwise challenged; beyond the ceiling
 * it is refused whatever it carries. Pure, for the unit test.
 */
export type LimitStanding = 'under' | 'challenge' | 'over';

export function hardCeiling(max: number, ceilingFactor: number): number {
  return max * ceilingFactor;
}

/** `count`: this request included, as the rate-limit store counted it in the window. */
export function limitStanding(count: number, max: number, ceilingFactor: number): LimitStanding {
  if (count <= max) return 'under';
  return count <= hardCeiling(max, ceilingFactor) ? 'challenge' : 'over';
}
