/** What survives a reload: the conversation's token and how far the visitor has read. */
import * as z from 'zod/mini';
import { seqSchema } from '../../shared/desk-protocol';
import { readJson, writeJson, type KeyValueStorage } from '../common/storage';

const SESSION_KEY = 'ek.visitor.session';
export const OUTBOX_KEY = 'ek.visitor.outbox';
/** The conversation's case code (handoff/case-code-store.ts). */
export const CASE_CODE_KEY = 'ek.visitor.case-code';

const sessionSchema = z.object({ token: z.string(), lastSeq: seqSchema });
export type VisitorSession = z.infer<typeof sessionSchema>;

export function readSession(storage: KeyValueStorage): VisitorSession | null {
  const stored = sessionSchema.safeParse(readJson(storage, SESSION_KEY));
  return stored.success ? stored.data : null;
}

export function writeSession(storage: KeyValueStorage, session: VisitorSession): void {
  writeJson(storage, SESSION_KEY, session);
}

/** Forgets the conversation, whatever was still waiting to be sent in it, and its case code. */
export function forgetSession(storage: KeyValueStorage): void {
  storage.removeItem(SESSION_KEY);
  storage.removeItem(OUTBOX_KEY);
  storage.removeItem(CASE_CODE_KEY);
}
