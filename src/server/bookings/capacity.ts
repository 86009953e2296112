/**
 * How many bookings one slot takes (docs/bookings.md): at most BOOKING_SLOTS_PER_PERIOD, never more
 * than the active staff, and in one language never more than the active staff who speak it — so
 * every booked visitor can have a consultant who speaks their language at that time.
 */
export interface SlotCapacity {
  /** Bookings in any language. */
  total: number;
  /** Bookings in the requested language. */
  inLanguage: number;
}

export interface SlotUsage {
  total: number;
  inLanguage: number;
}

/** `activeStaffLanguages`: one entry per active staff member, the languages they speak. */
export function slotCapacity(perSlot: number, activeStaffLanguages: readonly (readonly string[])[], language: string): SlotCapacity {
  const total = Math.min(perSlot, activeStaffLanguages.length);
  const speakers = activeStaffLanguages.filter((languages) => languages.includes(language)).length;
  return { total, inLanguage: Math.min(total, speakers) };
}

export function placesLeft(capacity: SlotCapacity, used: SlotUsage): number {
  return Math.max(0, Math.min(capacity.total - used.total, capacity.inLanguage - used.inLanguage));
}
