/**
 * The consultant's view of the desk as a pure reducer: the waiting queue, their own
 * conversations and each conversation's messages. Server frames and the consultant's own
 * actions are the only inputs, so it is unit-tested without a browser. Messages still on their
 * way out live in the shared Outbox (see staff-outboxes.ts).
 */
import type { ErrorCode } from '../../shared/errors';
import type { CLOSE_OUTCOMES, ConversationSummary, Message, ServerFrame, StaffUser } from '../../shared/protocol';

export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

export interface DeskNotice {
  code: ErrorCode;
  conversationId: string | null;
}

/** A conversation that has just started waiting; `serial` lets the UI signal each one once. */
export interface Arrival {
  conversation: ConversationSummary;
  serial: number;
}

export interface DeskState {
  me: StaffUser | null;
  conversations: Record<string, ConversationSummary>;
  messages: Record<string, Message[]>;
  selectedId: string | null;
  /** Conversations this consultant asked to take and has no answer for yet. */
  takingIds: string[];
  unread: Record<string, number>;
  notice: DeskNotice | null;
  arrival: Arrival | null;
}

export type DeskAction =
  | { type: 'frame'; frame: ServerFrame }
  | { type: 'select'; conversationId: string }
  | { type: 'take'; conversationId: string }
  | { type: 'dismissNotice' };

export const initialDeskState: DeskState = {
  me: null,
  conversations: {},
  messages: {},
  selectedId: null,
  takingIds: [],
  unread: {},
  notice: null,
  arrival: null,
};

export function deskReducer(state: DeskState, action: DeskAction): DeskState {
  switch (action.type) {
    case 'frame':
      return applyFrame(state, action.frame);
    case 'select':
      return { ...state, selectedId: action.conversationId, unread: { ...state.unread, [action.conversationId]: 0 } };
    case 'take':
      return { ...state, takingIds: [...state.takingIds, action.conversationId], notice: null };
    case 'dismissNotice':
      return { ...state, notice: null };
  }
}

function applyFrame(state: DeskState, frame: ServerFrame): DeskState {
  switch (frame.type) {
    case 'welcome.staff':
      return applyWelcome(state, frame.user, frame.conversations);
    case 'conversation.updated':
      return applyConversation(state, frame.conversation);
    case 'history':
      return addMessages(state, frame.conversationId, frame.messages);
    case 'message':
      return frame.conversationId ? applyMessage(state, frame.conversationId, frame.message) : state;
    case 'error':
      // Errors about one outgoing message belong to the outbox, not to the desk.
      return frame.clientId ? state : applyError(state, frame.code, frame.conversationId ?? null);
    default:
      return state;
  }
}

function applyWelcome(state: DeskState, me: StaffUser, summaries: ConversationSummary[]): DeskState {
  // Closed conversations never come back in a welcome; keep the ones already shown this session.
  const conversations: Record<string, ConversationSummary> = {};
  for (const conversation of Object.values(state.conversations)) {
    if (conversation.status === 'closed') conversations[conversation.id] = conversation;
  }
  for (const conversation of summaries) conversations[conversation.id] = conversation;
  const selectedId = state.selectedId && conversations[state.selectedId] ? state.selectedId : null;
  return { ...state, me, conversations, selectedId, takingIds: [] };
}

function applyConversation(state: DeskState, conversation: ConversationSummary): DeskState {
  const known = state.conversations[conversation.id];
  const myId = state.me?.id;
  const isMine = myId !== undefined && conversation.assignee?.id === myId;
  const wasMine = myId !== undefined && known?.assignee?.id === myId;
  const keep = conversation.status === 'waiting' || isMine || (conversation.status === 'closed' && wasMine);
  if (!keep) return removeConversation(state, conversation.id);

  const conversations = { ...state.conversations, [conversation.id]: conversation };
  const next: DeskState = { ...state, conversations };
  if (conversation.status === 'waiting' && known?.status !== 'waiting') {
    next.arrival = { conversation, serial: (state.arrival?.serial ?? 0) + 1 };
  }
  if (isMine && state.takingIds.includes(conversation.id)) {
    next.takingIds = state.takingIds.filter((id) => id !== conversation.id);
    next.selectedId = conversation.id;
  }
  return next;
}

function removeConversation(state: DeskState, conversationId: string): DeskState {
  if (!state.conversations[conversationId] && !state.takingIds.includes(conversationId)) return state;
  const { [conversationId]: _removed, ...conversations } = state.conversations;
  return {
    ...state,
    conversations,
    takingIds: state.takingIds.filter((id) => id !== conversationId),
    selectedId: state.selectedId === conversationId ? null : state.selectedId,
  };
}

function applyMessage(state: DeskState, conversationId: string, message: Message): DeskState {
  const next = addMessages(state, conversationId, [message]);
  const isNew = next !== state;
  if (!isNew || message.author !== 'visitor' || conversationId === state.selectedId) return next;
  return { ...next, unread: { ...next.unread, [conversationId]: (next.unread[conversationId] ?? 0) + 1 } };
}

function applyError(state: DeskState, code: ErrorCode, conversationId: string | null): DeskState {
  const notice = { code, conversationId };
  if (code === 'already_taken' && conversationId) return { ...removeConversation(state, conversationId), notice };
  const takingIds = state.takingIds.filter((id) => id !== conversationId);
  return { ...state, takingIds, notice };
}

/** Merges messages in seq order, ignoring ones already held. */
function addMessages(state: DeskState, conversationId: string, incoming: Message[]): DeskState {
  const current = state.messages[conversationId] ?? [];
  const seen = new Set(current.map((message) => message.seq));
  const fresh = incoming.filter((message) => !seen.has(message.seq));
  if (fresh.length === 0) return state;
  const merged = [...current, ...fresh].sort((a, b) => a.seq - b.seq);
  return { ...state, messages: { ...state.messages, [conversationId]: merged } };
}

// ---------------------------------------------------------------------------------------------
// Selectors

/** Oldest first: whoever has waited longest is served first. */
export function waitingQueue(state: DeskState): ConversationSummary[] {
  return Object.values(state.conversations)
    .filter((conversation) => conversation.status === 'waiting')
    .sort((a, b) => Date.parse(waitingStart(a)) - Date.parse(waitingStart(b)));
}

export function myConversations(state: DeskState): ConversationSummary[] {
  return Object.values(state.conversations)
    .filter((conversation) => conversation.status === 'active' && conversation.assignee?.id === state.me?.id)
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
}

export function lastSeq(state: DeskState, conversationId: string): number {
  return state.messages[conversationId]?.at(-1)?.seq ?? 0;
}

export function waitingStart(conversation: ConversationSummary): string {
  return conversation.waitingSince ?? conversation.startedAt;
}

