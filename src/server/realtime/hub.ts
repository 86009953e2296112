/**
 * The sockets of this instance and the fan-out to them. Every event comes from the bus (also the
 * ones this instance published), so with Redis every instance fans out to its own sockets and a
 * client may be connected to any of them. Who receives what is decided per event kind by the
 * module that owns the event (its `deliver` map).
 */
import type { ServerFrame } from '../../shared/protocol';
import type { Bus } from '../events/bus';
import type { DeskEvent, DeskEventKind } from '../events/desk-event';
import { AppError } from '../errors';
import type { EventDeliverer, EventDeliverers, Fanout } from '../module';
import type { Peer } from './peer';

interface VisitorPeer {
  /** SHA-256 of the visitor token the socket said hello with. */
  tokenHash: string;
  peer: Peer;
}

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

/** Deliverers of the modules; `resync` belongs to the hub itself. */
export type ModuleDeliverers = EventDeliverers<Exclude<DeskEventKind, 'resync'>>;

export class Hub implements Fanout {
  private readonly visitorsByConversation = new Map<string, Set<VisitorPeer>>();
  private readonly staffByDesk = new Map<string, Set<StaffPeer>>();
  private unsubscribe: (() => void) | undefined;

  /** `socketsPerToken`: at most this many sockets of one visitor token or one staff session here. */
  constructor(private readonly socketsPerToken = Number.POSITIVE_INFINITY) {}

  /** Starts delivering the bus's events to this instance's sockets. */
  listen(bus: Bus, deliverers: ModuleDeliverers): void {
    const all: EventDeliverers = { ...deliverers, resync: () => this.askEveryoneToResume() };
    this.unsubscribe = bus.subscribe((event) => this.deliver(all, event));
    bus.onResync(() => this.askEveryoneToResume());
  }

  stop(): void {
    this.unsubscribe?.();
  }

  addVisitor(conversationId: string, tokenHash: string, peer: Peer): () => void {
    this.refuseBeyondCap(this.visitorsByConversation.get(conversationId)?.size ?? 0);
    return addTo(this.visitorsByConversation, conversationId, { tokenHash, peer });
  }

  addStaff(deskId: string, userId: string, sessionHash: string, peer: Peer): () => void {
    this.refuseBeyondCap([...(this.staffByDesk.get(deskId) ?? [])].filter((staff) => staff.sessionHash === sessionHash).length);
    return addTo(this.staffByDesk, deskId, { userId, sessionHash, peer });
  }

  private refuseBeyondCap(socketsOfToken: number): void {
    if (socketsOfToken >= this.socketsPerToken) throw new AppError('too_many_connections');
  }

  get connectionCount(): number {
    let count = 0;
    for (const set of this.visitorsByConversation.values()) count += set.size;
    for (const set of this.staffByDesk.values()) count += set.size;
    return count;
  }

  /** Conversations whose visitor has a socket on this instance (routing tells them where they stand). */
  localVisitorConversations(): string[] {
    return [...this.visitorsByConversation.keys()];
  }

  hasLocalVisitor(conversationId: string): boolean {
    return this.visitorsByConversation.has(conversationId);
  }

  toVisitors(conversationId: string, frame: ServerFrame, except?: string): void {
    for (const { peer } of this.visitorsByConversation.get(conversationId) ?? []) if (peer.id !== except) peer.deliver(frame);
  }

  toStaff(deskId: string, staffIds: Iterable<string>, frame: ServerFrame, except?: string): void {
    const recipients = new Set(staffIds);
    for (const staff of this.staffByDesk.get(deskId) ?? []) {
      if (recipients.has(staff.userId) && staff.peer.id !== except) staff.peer.deliver(frame);
    }
  }

  toAllStaff(deskId: string, frame: ServerFrame): void {
    for (const staff of this.staffByDesk.get(deskId) ?? []) staff.peer.deliver(frame);
  }

  /** A signed-out or re-passworded staff member's open sockets stop receiving at once. */
  endSessions(userId: string, sessionHash: string | null): void {
    for (const set of this.staffByDesk.values()) {
      for (const staff of set) {
        if (staff.userId === userId && (sessionHash === null || staff.sessionHash === sessionHash)) staff.peer.endSession();
      }
    }
  }

  /** The conversation went on with a new key: sockets opened with any other are told it moved, and closed. */
  endVisitorSessions(conversationId: string, keptTokenHash: string): void {
    for (const visitor of this.visitorsByConversation.get(conversationId) ?? []) {
      if (visitor.tokenHash !== keptTokenHash) visitor.peer.endSession('conversation_moved');
    }
  }

  /**
   * Live events may have been lost (the bus was cut off): every client is asked to reconnect,
   * which replays from its last sequence number. 1012 is "service restart".
   */
  private askEveryoneToResume(): void {
    for (const set of this.visitorsByConversation.values()) for (const { peer } of set) peer.close(1012, 'resync');
    for (const set of this.staffByDesk.values()) for (const staff of set) staff.peer.close(1012, 'resync');
  }

  private deliver(deliverers: EventDeliverers, event: DeskEvent): void {
    // An unknown kind can only come over Redis from an instance of another version: not ours to deliver.
    const deliverer = deliverers[event.kind] as EventDeliverer<DeskEventKind> | undefined;
    deliverer?.(event, this);
  }
}
