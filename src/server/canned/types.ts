import type { Selectable } from 'kysely';
import type { CannedAnswersTable } from './tables';

/** A canned answer as the domain keeps it: shared in the desk when it has no owner (fields named as the columns). */
export type StoredCannedAnswer = Selectable<CannedAnswersTable>;
