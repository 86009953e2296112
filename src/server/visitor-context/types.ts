import type { CloseOutcome } from '../conversations/types';

/** One of the visitor's earlier conversations from the same device, as the console shows it. */
export interface EarlierConversation {
  id: string;
  startedAt: string;
  topic: string;
  outcome: CloseOutcome | null;
  consultantName: string | null;
}
