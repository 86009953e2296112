/**
 * The consultant's view of the desk as a pure reducer: the waiting queue, their own
 * conversations and each conversation's messages. Server frames and the consultant's own
 * actions are the only inputs, so it is unit-tested without a browser. Messages still on their
 * way out live in the shared Outbox (see staff-outboxes.ts).
 */
import type { ErrorCode } from '../../shared/errors';
import { MAX_RESUMED_CONVERSATIONS, type STAFF_CLOSE_OUTCOMES, type ConversationSummary, type Message, type MessageTranslation, type ServerFrame, type StaffUser, type VisitorPresence } from '../../shared/protocol';
import { withTranslation } from '../common/translation';

/** What a consultant may choose when closing. */
export type CloseOutcome = (typeof STAFF_CLOSE_OUTCOMES)[number];
type WelcomeFrame = Extract<ServerFrame, { type: 'welcome.staff' }>;

export interface DeskNotice {
  code: ErrorCode;
  conversationId: string | null;
}

/** A conversation that has just started waiting; `serial` lets the UI signal each one once. */
export interface Arrival {
  conversation: ConversationSummary;
  serial: number;
}

/** A visitor's message that arrived live (not in a history), to be announced once. */
export interface Incoming {
  conversationId: string;
  message: Message;
}

/** A visitor asked for a call while this tab was listening (not in a history), to be signalled once. */
export interface CallRequestArrival {
  conversationId: string;
  serial: number;
}

/** A visitor came, looked away or left while this tab was listening (not the first word after a welcome), to be announced once. */
export interface PresenceChange {
  conversationId: string;
  presence: VisitorPresence;
  serial: number;
}

export interface SyncRequest {
  conversationId: string;
  lastSeq: number;
}

export interface DeskState {
  me: StaffUser | null;
  conversations: Record<string, ConversationSummary>;
  messages: Record<string, Message[]>;
  /**
   * For each conversation whose history this tab holds: the highest seq that came in a `message`
   * or `history` frame. Acks do not count (as in the visitor's ChatSession): resuming after an
   * acked seq could skip a visitor's message that was still on its way. Absent = no history yet.
   */
  received: Record<string, number>;
  selectedId: string | null;
  /** Conversations this consultant asked to take and has no answer for yet. */
  takingIds: string[];
  /** Conversations whose history was asked for (take or sync) and has not arrived yet. */
  syncingIds: string[];
  unread: Record<string, number>;
  notice: DeskNotice | null;
  arrival: Arrival | null;
  /** An active conversation handed to this consultant by a colleague or a supervisor. */
  handover: Arrival | null;
  incoming: Incoming | null;
  callRequest: CallRequestArrival | null;
  /** Whether each listed conversation's visitor is there, as last told. */
  presence: Record<string, VisitorPresence>;
  presenceChange: PresenceChange | null;
}

export type DeskAction =
  | { type: 'frame'; frame: ServerFrame }
  /** The server acknowledged one of this consultant's messages: it is in the log at `message.seq`. */
  | { type: 'delivered'; conversationId: string; message: Message }
  | { type: 'syncing'; conversationIds: string[] }
  | { type: 'select'; conversationId: string }
  | { type: 'take'; conversationId: string }
  | { type: 'dismissNotice' };

export const initialDeskState: DeskState = {
  me: null,
  conversations: {},
  messages: {},
  received: {},
  selectedId: null,
  takingIds: [],
  syncingIds: [],
  unread: {},
  notice: null,
  arrival: null,
  handover: null,
  incoming: null,
  callRequest: null,
  presence: {},
  presenceChange: null,
};

export function deskReducer(state: DeskState, action: DeskAction): DeskState {
  switch (action.type) {
    case 'frame':
      return applyFrame(state, action.frame);
    case 'delivered':
      return addMessages(state, action.conversationId, [action.message]);
    case 'syncing':
      return { ...state, syncingIds: [...new Set([...state.syncingIds, ...action.conversationIds])] };
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
      return applyWelcome(state, frame);
    case 'conversation.updated':
      return applyConversation(state, frame.conversation);
    case 'history':
      return applyHistory(state, frame.conversationId, frame.messages);
    case 'message':
      return frame.conversationId ? applyMessage(state, frame.conversationId, frame.message) : state;
    case 'message.translated':
      return frame.conversationId ? applyTranslation(state, frame.conversationId, frame.seq, frame.translation) : state;
    case 'visitor.presence':
      return applyPresence(state, frame.conversationId, frame.presence);
    case 'error':
      // Errors about one outgoing message belong to the outbox, not to the desk.
      return frame.clientId ? state : applyError(state, frame.code, frame.conversationId ?? null);
    default:
      return state;
  }
}

function applyPresence(state: DeskState, conversationId: string, presence: VisitorPresence): DeskState {
  const known = state.presence[conversationId];
  if (known === presence) return state;
  const presenceChange = known === undefined ? state.presenceChange : { conversationId, presence, serial: (state.presenceChange?.serial ?? 0) + 1 };
  return { ...state, presence: { ...state.presence, [conversationId]: presence }, presenceChange };
}

function applyWelcome(state: DeskState, welcome: WelcomeFrame): DeskState {
  // Closed conversations never come back in a welcome; keep the ones already shown this session,
  // and those that closed while this tab was disconnected (their history is synced again).
  const away = new Set(closedWhileAway(state, welcome));
  const conversations: Record<string, ConversationSummary> = {};
  for (const conversation of Object.values(state.conversations)) {
    if (conversation.status === 'closed') conversations[conversation.id] = conversation;
    if (away.has(conversation.id)) conversations[conversation.id] = { ...conversation, status: 'closed' };
  }
  for (const conversation of welcome.conversations) conversations[conversation.id] = conversation;
  const selectedId = state.selectedId && conversations[state.selectedId] ? state.selectedId : null;
  // Requests sent on the old connection will not be answered.
  return { ...state, me: welcome.user, conversations, selectedId, takingIds: [], syncingIds: [] };
}

function applyConversation(state: DeskState, conversation: ConversationSummary): DeskState {
  const known = state.conversations[conversation.id];
  const myId = state.me?.id;
  const isMine = myId !== undefined && follows(conversation, myId);
  const wasMine = myId !== undefined && known !== undefined && follows(known, myId);
  const keep = conversation.status === 'waiting' || isMine || (conversation.status === 'closed' && wasMine);
  if (!keep) return removeConversation(state, conversation.id);

  const conversations = { ...state.conversations, [conversation.id]: conversation };
  const next: DeskState = { ...state, conversations };
  // Mine until now and back in the queue (a transfer, a lost connection): no longer open here.
  if (wasMine && !isMine && state.selectedId === conversation.id) next.selectedId = null;
  if (conversation.status === 'waiting' && known?.status !== 'waiting') {
    next.arrival = { conversation, serial: (state.arrival?.serial ?? 0) + 1 };
  }
  // Active and newly assigned to me without a take from the queue: a colleague handed it over.
  const handedToMe = conversation.status === 'active' && conversation.assignee?.id === myId && known?.assignee?.id !== myId;
  if (handedToMe && known?.status !== 'waiting' && !state.takingIds.includes(conversation.id)) {
    next.handover = { conversation, serial: (state.handover?.serial ?? 0) + 1 };
  }
  if (isMine && state.takingIds.includes(conversation.id)) {
    next.takingIds = state.takingIds.filter((id) => id !== conversation.id);
    next.selectedId = conversation.id;
    // The answer to the take carries the history; until it comes, do not ask for it again.
    if (!(conversation.id in state.received)) next.syncingIds = [...state.syncingIds, conversation.id];
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

/** A history holds every message after the seq it was asked from: the log is complete up to its last one. */
function applyHistory(state: DeskState, conversationId: string, messages: Message[]): DeskState {
  const next = addMessages(state, conversationId, messages);
  const highest = Math.max(state.received[conversationId] ?? 0, ...messages.map((message) => message.seq));
  return {
    ...next,
    received: { ...state.received, [conversationId]: contiguousFrom(highest, next.messages[conversationId] ?? []) },
    syncingIds: state.syncingIds.filter((id) => id !== conversationId),
  };
}

function applyMessage(state: DeskState, conversationId: string, message: Message): DeskState {
  let next = addMessages(state, conversationId, [message]);
  const held = state.received[conversationId];
  // Resume goes only as far as the log is complete: before the history is here, or above a seq
  // still missing (messages published out of order), a live message leaves a gap below it.
  if (held !== undefined) {
    const received = contiguousFrom(held, next.messages[conversationId] ?? []);
    if (received !== held) next = { ...next, received: { ...next.received, [conversationId]: received } };
  }
  const isNew = next.messages !== state.messages;
  if (isNew && message.event === 'call_requested') {
    return { ...next, callRequest: { conversationId, serial: (state.callRequest?.serial ?? 0) + 1 } };
  }
  if (!isNew || message.author !== 'visitor') return next;
  next = { ...next, incoming: { conversationId, message } };
  if (conversationId === state.selectedId) return next;
  return { ...next, unread: { ...next.unread, [conversationId]: (next.unread[conversationId] ?? 0) + 1 } };
}

/**
 * A refused sync stays in syncingIds: asking again at once would be refused again, in a loop.
 * The next welcome clears it and tries once more.
 */
function applyError(state: DeskState, code: ErrorCode, conversationId: string | null): DeskState {
  const notice = { code, conversationId };
  const takingIds = state.takingIds.filter((id) => id !== conversationId);
  if (code === 'already_taken' && conversationId) {
    // Taken by me in another tab is not a failure: that tab's update makes it mine here too.
    const mine = state.conversations[conversationId]?.assignee?.id === state.me?.id;
    if (mine) return { ...state, takingIds };
    return { ...removeConversation(state, conversationId), notice };
  }
  return { ...state, takingIds, notice };
}

/** The highest seq up to which `messages` (in seq order) leave no gap above `held`. */
function contiguousFrom(held: number, messages: readonly Message[]): number {
  let last = held;
  for (const { seq } of messages) {
    if (seq > last + 1) break;
    last = Math.max(last, seq);
  }
  return last;
}

/** Merges messages in seq order, ignoring ones already held. */
function applyTranslation(state: DeskState, conversationId: string, seq: number, translation: MessageTranslation): DeskState {
  const current = state.messages[conversationId];
  if (!current) return state;
  return { ...state, messages: { ...state.messages, [conversationId]: withTranslation(current, seq, translation) } };
}

function addMessages(state: DeskState, conversationId: string, incoming: Message[]): DeskState {
  const current = state.messages[conversationId] ?? [];
  const seen = new Set(current.map((message) => message.seq));
  const fresh = incoming.filter((message) => !seen.has(message.seq));
  if (fresh.length === 0) return state;
  const merged = [...current, ...fresh].sort((a, b) => a.seq - b.seq);
  return { ...state, messages: { ...state.messages, [conversationId]: merged } };
}

// ---------------------------------------------------------------------------------------------
// What to ask the server for

/** Conversations this tab held as active and mine that a new welcome no longer lists: they closed meanwhile. */
export function closedWhileAway(before: DeskState, welcome: WelcomeFrame): string[] {
  const listed = new Set(welcome.conversations.map((conversation) => conversation.id));
  return Object.values(before.conversations)
    .filter((c) => c.status === 'active' && follows(c, welcome.user.id) && !listed.has(c.id))
    .map((conversation) => conversation.id);
}

/**
 * The `conversation.sync` requests a frame calls for. After a welcome: every conversation of mine
 * that is open or closed while away, from the last seq received (0 if this tab has none of it).
 * After any other frame: a conversation that became mine and whose history this tab does not hold
 * (taken in another tab), unless a take or a sync for it is already under way.
 */
export function syncRequests(before: DeskState, frame: ServerFrame, after: DeskState): SyncRequest[] {
  const me = after.me;
  if (!me) return [];
  const mine = Object.values(after.conversations).filter((c) => follows(c, me.id));
  if (frame.type === 'welcome.staff') {
    const away = new Set(closedWhileAway(before, frame));
    return mine
      .filter((c) => c.status === 'active' || away.has(c.id))
      .map((c) => ({ conversationId: c.id, lastSeq: resumeSeq(after, c.id) }));
  }
  return mine
    .filter((c) => c.status === 'active' && !(c.id in after.received))
    .filter((c) => !after.syncingIds.includes(c.id) && !after.takingIds.includes(c.id))
    .map((c) => ({ conversationId: c.id, lastSeq: 0 }));
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
    .filter((conversation) => conversation.status === 'active' && state.me !== null && follows(conversation, state.me.id))
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
}

/** The staff member follows the conversation live: as its assignee or as a participant beside them. */
export function follows(conversation: ConversationSummary, staffId: string): boolean {
  return conversation.assignee?.id === staffId || (conversation.participants ?? []).some((participant) => participant.id === staffId);
}

/**
 * What the hello says this tab holds: every open conversation it follows, and each one whose
 * history it holds, with the seq up to which it has all of it (0: nothing yet).
 */
export function resumePoints(state: DeskState): SyncRequest[] {
  const me = state.me;
  const open = me ? Object.values(state.conversations).filter((c) => c.status === 'active' && follows(c, me.id)).map((c) => c.id) : [];
  const held = Object.keys(state.received).filter((id) => (state.conversations[id]?.status ?? 'closed') !== 'closed');
  return [...new Set([...open, ...held])].slice(0, MAX_RESUMED_CONVERSATIONS).map((conversationId) => ({ conversationId, lastSeq: resumeSeq(state, conversationId) }));
}

/** Where to resume a conversation from: the last seq received, never an acked one. */
export function resumeSeq(state: DeskState, conversationId: string): number {
  return state.received[conversationId] ?? 0;
}

export function waitingStart(conversation: ConversationSummary): string {
  return conversation.waitingSince ?? conversation.startedAt;
}
