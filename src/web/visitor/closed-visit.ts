/**
 * Counting visitors who come while the desk is closed, and what they do next, without knowing who
 * they are: the browser remembers only the office day its visit was counted for and whether a next
 * step (a left message, a booking) has been counted since. A reload the same day counts nothing
 * new; the next step goes with the request that makes it, once.
 */
import * as z from 'zod/mini';
import type { UiLanguage } from '../../shared/languages';
import { CLOSED_VISIT_ROUTE } from '../../shared/desk-protocol';
import { api } from '../common/api';
import { browserStorage, readJson, writeJson, type KeyValueStorage } from '../common/storage';

const VISIT_KEY = 'ek.visitor.closedVisit';
const visitSchema = z.object({ day: z.string(), followed: z.boolean() });
type Visit = z.infer<typeof visitSchema>;

function readVisit(storage: KeyValueStorage): Visit | null {
  const stored = visitSchema.safeParse(readJson(storage, VISIT_KEY));
  return stored.success ? stored.data : null;
}

/** Tells the server the closed page was shown; a failure only loses a count. */
export async function countClosedVisit(language: UiLanguage, storage: KeyValueStorage = browserStorage()): Promise<void> {
  const before = readVisit(storage);
  const answer = await api(CLOSED_VISIT_ROUTE, { body: { language, ...(before && { counted: before.day }) } });
  if (answer.counted) writeJson(storage, VISIT_KEY, { day: answer.day, followed: false });
}

/** What a left message or a booking adds to its request: that it follows a counted visit not yet followed. */
export function closedVisitClaim(storage: KeyValueStorage = browserStorage()): { closedVisit?: true } {
  const visit = readVisit(storage);
  return visit && !visit.followed ? { closedVisit: true } : {};
}

/** After the request that carried the claim succeeded: the visit has had its next step. */
export function closedVisitFollowed(storage: KeyValueStorage = browserStorage()): void {
  const visit = readVisit(storage);
  if (visit) writeJson(storage, VISIT_KEY, { ...visit, followed: true });
}
