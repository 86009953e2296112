/**
 * The one place that decides who receives a realtime event on this instance. Every event comes
 * from the bus (also the ones this instance published), so with Redis every instance fans out to
 * its own sockets and a client may be connected to any of them.
 */
import type { Bus } from './bus';
import type { ConversationChangedEvent, DeskEvent, MessageEvent, SessionsEndedEvent } from './events';
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
      case 'conversation':
        return this.deliverConversationChange(event);
      case 'sessions-ended':
        return this.closeEndedSessions(event);
      case 'resync':
        return this.askEveryoneToResume();
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

  /** A message reaches the visitor and the consultant the conversation is assigned to. */
  private deliverMessage(event: MessageEvent): void {
    for (const peer of this.visitorsByConversation.get(event.conversationId) ?? []) {
      peer.deliver({ type: 'message', message: event.message });
    }
    if (!event.assigneeId) return;
    for (const staff of this.staffByDesk.get(event.deskId) ?? []) {
      if (staff.userId === event.assigneeId) {
        staff.peer.deliver({ type: 'message', conversationId: event.conversationId, message: event.message });
      }
    }
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
