/**
 * The routing rule and the wait estimate, as pure functions of what the database says now
 * (docs/routing.md explains both). No I/O here: the unit tests drive them directly.
 */

export interface Candidate {
  id: string;
  /** Only `available` staff with a live connection are candidates; the repository filters. */
  languages: readonly string[];
  /** Languages they interpret (and so can serve a visitor who speaks one). */
  interpreterLanguages: readonly string[];
  /** Empty: every topic. */
  topics: readonly string[];
  maxConcurrent: number;
  /** Active conversations plus offers waiting for their answer. */
  load: number;
  /** When they last got or finished a conversation, or became available (ISO); the older, the idler. */
  idleSince: string;
}

export interface Routable {
  language: string;
  /** The visitor's own language when the interface does not offer it ("my language is not listed"). */
  spoken_language?: string | null;
  topic: string;
}

/** They speak or interpret the language the visitor named as their own. */
export function speaksVisitorsOwn(candidate: Candidate, conversation: Routable): boolean {
  const own = conversation.spoken_language;
  return !!own && (candidate.languages.includes(own) || candidate.interpreterLanguages.includes(own));
}

export function canServe(candidate: Candidate, conversation: Routable): boolean {
  return (
    (candidate.languages.includes(conversation.language) || speaksVisitorsOwn(candidate, conversation)) &&
    (candidate.topics.length === 0 || candidate.topics.includes(conversation.topic))
  );
}

/**
 * Whom to offer a waiting conversation: someone who speaks its language (or the visitor's own,
 * or interprets it), handles its topic and has room below their maximum, and has not missed this
 * offer yet; among them first who speaks or interprets the visitor's own language, then the one
 * with the fewest conversations (someone in a conversation is not idle), then the one idle longest.
 */
export function chooseConsultant(
  conversation: Routable,
  candidates: readonly Candidate[],
  alreadyMissed: ReadonlySet<string> = new Set(),
): Candidate | null {
  const eligible = candidates.filter(
    (candidate) => canServe(candidate, conversation) && candidate.load < candidate.maxConcurrent && !alreadyMissed.has(candidate.id),
  );
  const ownFirst = (candidate: Candidate) => (speaksVisitorsOwn(candidate, conversation) ? 0 : 1);
  eligible.sort(
    (a, b) => ownFirst(a) - ownFirst(b) || a.load - b.load || a.idleSince.localeCompare(b.idleSince) || a.id.localeCompare(b.id),
  );
  return eligible[0] ?? null;
}

/** Handling times used when the desk has closed fewer conversations than this recently. */
export const MIN_HANDLING_SAMPLES = 3;
/** The handling time assumed before there are enough samples (a first morning). */
export const DEFAULT_HANDLING_MINUTES = 8;

export interface WaitInput {
  /** 1 = next in the queue (of the same language). */
  position: number;
  /** Consultants on duty and available who could take it. */
  servers: readonly Pick<Candidate, 'maxConcurrent' | 'load'>[];
  /** Recent handling times in minutes (taken → closed), newest first. */
  recentHandlingMinutes: readonly number[];
}

/**
 * Expected minutes until a consultant takes the conversation, or null when nobody on duty can.
 * With S conversation slots among the consultants who could take it and a mean handling time H,
 * a slot frees up every H / S minutes on average; the visitor at position p needs p slots, of
 * which the free ones are there at once.
 */
export function estimateWaitMinutes({ position, servers, recentHandlingMinutes }: WaitInput): number | null {
  if (servers.length === 0) return null;
  const slots = servers.reduce((sum, server) => sum + server.maxConcurrent, 0);
  const free = servers.reduce((sum, server) => sum + Math.max(0, server.maxConcurrent - server.load), 0);
  const stillNeeded = position - free;
  if (stillNeeded <= 0) return 0;
  return (stillNeeded * meanHandlingMinutes(recentHandlingMinutes)) / slots;
}

export function meanHandlingMinutes(samples: readonly number[]): number {
  if (samples.length < MIN_HANDLING_SAMPLES) return DEFAULT_HANDLING_MINUTES;
  return samples.reduce((sum, minutes) => sum + minutes, 0) / samples.length;
}

/**
 * "About N minutes" without false precision: whole minutes up to 10 (at least 1), then to the
 * nearest 5 up to 30, then to the nearest 10.
 */
export function roundEstimate(minutes: number): number {
  if (minutes < 10) return Math.max(1, Math.round(minutes));
  if (minutes < 30) return Math.round(minutes / 5) * 5;
  return Math.round(minutes / 10) * 10;
}
