/**
 * The one place that decides who receives a realtime event on this instance. Every event comes
 * from the bus (also the ones this instance published), so with Redis every instance fans out to
 * its own sockets and a client may be connected to any of them.
 */
import type { QueueStatus, ServerFrame } from '../../shared/protocol';
import { toVisitorMessage } from '../conversations/mappers';
import type { Bus } from '../events/bus';
import type { CallEvent, CallSignalEvent } from '../calls/events';
import type { ConversationChangedEvent, MessageEvent } from '../conversations/events';
import type { SessionsEndedEvent } from '../auth/events';
import type { DeskEvent } from '../events/desk-event';
import type { NoteEvent } from '../notes/events';
import type { TransferNoteEvent } from '../participants/events';
import type { TypingEvent } from '../signals/events';
import type { Peer } from './peer';

interface StaffPeer {
  userId: string;
  /** SHA-256 of the session cookie the socket was opened with. */
  sessionHash: string;
  peer: Peer;
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): () => void {
  const set = map.get(key) ?? new Set<V>();
  set.add(value);
  map.set(key, set);
  return () => {
    set.delete(value);
    if (set.size === 0) map.delete(key);
  };
}

export class Hub {
  private readonly visitorsByConversation = new Map<string, Set<Peer>>();
  private readonly staffByDesk = new Map<string, Set<StaffPeer>>();
  private readonly unsubscribe: () => void;

  constructor(bus: Bus) {
    this.unsubscribe = bus.subscribe((event) => this.deliver(event));
    bus.onResync(() => this.askEveryoneToResume());
  }

  addVisitor(conversationId: string, peer: Peer): () => void {
    return addTo(this.visitorsByConversation, conversationId, peer);
  }

  addStaff(deskId: string, userId: string, sessionHash: string, peer: Peer): () => void {
    return addTo(this.staffByDesk, deskId, { userId, sessionHash, peer });
  }

  get connectionCount(): number {
    let count = 0;
    for (const set of this.visitorsByConversation.values()) count += set.size;
    for (const set of this.staffByDesk.values()) count += set.size;
    return count;
  }

  /**
   * Live events may have been lost (the bus was cut off): every client is asked to reconnect,
   * which replays from its last sequence number. 1012 is "service restart".
   */
  private askEveryoneToResume(): void {
    for (const set of this.visitorsByConversation.values()) for (const peer of set) peer.close(1012, 'resync');
    for (const set of this.staffByDesk.values()) for (const staff of set) staff.peer.close(1012, 'resync');
  }

  stop(): void {
    this.unsubscribe();
  }

  private deliver(event: DeskEvent): void {
    switch (event.kind) {
      case 'message':
        return this.deliverMessage(event);
      case 'transfer-note':
        return this.deliverTransferNote(event);
      case 'conversation':
        return this.deliverConversationChange(event);
      case 'sessions-ended':
        return this.closeEndedSessions(event);
      case 'resync':
        return this.askEveryoneToResume();
      case 'note':
        return this.deliverNote(event);
      case 'typing':
        return this.deliverTyping(event);
      case 'read':
        return this.toVisitors(event.conversationId, { type: 'read', seq: event.seq });
      case 'routing-offer':
        return this.toStaffMember(event.deskId, event.staffId, { type: 'routing.offer', conversation: event.conversation, expiresAt: event.expiresAt });
      case 'routing-offer-ended':
        return this.toStaffMember(event.deskId, event.staffId, { type: 'routing.offer.ended', conversationId: event.conversationId });
      case 'call':
        return this.deliverCall(event);
      case 'call-signal':
        return this.deliverCallSignal(event);
      case 'staff-presence':
        for (const staff of this.staffByDesk.get(event.deskId) ?? []) staff.peer.deliver({ type: 'staff.presence', staff: event.staff });
        return;
    }
  }

  /** A signed-out or re-passworded staff member's open sockets stop receiving at once. */
  private closeEndedSessions(event: SessionsEndedEvent): void {
    for (const set of this.staffByDesk.values()) {
      for (const staff of set) {
        if (staff.userId === event.userId && (event.sessionHash === null || staff.sessionHash === event.sessionHash)) {
          staff.peer.endSession();
        }
      }
    }
  }

  /** A message reaches the visitor, the consultant it is assigned to and the staff who joined them. */
  private deliverMessage(event: MessageEvent): void {
    for (const peer of this.visitorsByConversation.get(event.conversationId) ?? []) {
      peer.deliver({ type: 'message', message: toVisitorMessage(event.message) });
    }
    const recipients = new Set(event.participantIds);
    if (event.assigneeId) recipients.add(event.assigneeId);
    for (const staff of this.staffByDesk.get(event.deskId) ?? []) {
      if (recipients.has(staff.userId)) {
        staff.peer.deliver({ type: 'message', conversationId: event.conversationId, message: event.message });
      }
    }
  }

  /** A transfer note is for the consultant who receives the conversation, and nobody else. */
  private deliverTransferNote(event: TransferNoteEvent): void {
    for (const staff of this.staffByDesk.get(event.deskId) ?? []) {
      if (staff.userId === event.recipientId) staff.peer.deliver({ type: 'transfer.note', note: event.note });
    }
  }

  /** A note goes to the named staff members only: no visitor socket is ever considered. */
  private deliverNote(event: NoteEvent): void {
    const recipients = new Set(event.staffIds);
    for (const staff of this.staffByDesk.get(event.deskId) ?? []) {
      if (recipients.has(staff.userId)) staff.peer.deliver({ type: 'note', note: event.note });
    }
  }

  /** The visitor hears that staff type; the staff who follow the conversation, that the visitor types. */
  private deliverTyping(event: TypingEvent): void {
    if (event.author === 'staff') {
      this.toVisitors(event.conversationId, { type: 'typing', author: 'staff', active: event.active });
      return;
    }
    const recipients = new Set(event.staffIds);
    for (const staff of this.staffByDesk.get(event.deskId) ?? []) {
      if (recipients.has(staff.userId)) {
        staff.peer.deliver({ type: 'typing', conversationId: event.conversationId, author: 'visitor', active: event.active });
      }
    }
  }

  /** A call's state reaches the conversation's visitor and the staff the event names. */
  private deliverCall(event: CallEvent): void {
    const frame: ServerFrame = { type: 'call.updated', call: event.call };
    this.toVisitors(event.conversationId, frame);
    for (const staffId of new Set(event.staffIds)) this.toStaffMember(event.deskId, staffId, frame);
  }

  /** Signalling goes to the one side it is addressed to: the visitor's sockets, or one staff member's. */
  private deliverCallSignal(event: CallSignalEvent): void {
    const frame: ServerFrame = { type: 'call.signal', callId: event.callId, from: event.from, signal: event.signal };
    if (event.to === 'visitor') this.toVisitors(event.conversationId, frame);
    else this.toStaffMember(event.deskId, event.to, frame);
  }

  /** Conversations whose visitor has a socket on this instance (routing tells them where they stand). */
  localVisitorConversations(): string[] {
    return [...this.visitorsByConversation.keys()];
  }

  /** Where a waiting visitor stands: computed per instance for its own visitors (src/server/routing). */
  deliverQueueStatus(conversationId: string, queue: QueueStatus): void {
    this.toVisitors(conversationId, { type: 'visitor.queue', queue });
  }

  private toStaffMember(deskId: string, userId: string, frame: ServerFrame): void {
    for (const staff of this.staffByDesk.get(deskId) ?? []) if (staff.userId === userId) staff.peer.deliver(frame);
  }

  private toVisitors(conversationId: string, frame: ServerFrame): void {
    for (const peer of this.visitorsByConversation.get(conversationId) ?? []) peer.deliver(frame);
  }

  /** Status changes reach the visitor (their view) and all staff of the desk (the queue view). */
  private deliverConversationChange(event: ConversationChangedEvent): void {
    for (const peer of this.visitorsByConversation.get(event.summary.id) ?? []) {
      peer.deliver({ type: 'visitor.conversation.updated', conversation: event.visitorView });
    }
    for (const staff of this.staffByDesk.get(event.deskId) ?? []) {
      staff.peer.deliver({ type: 'conversation.updated', conversation: event.summary });
    }
  }
}
