/**
 * What routing adds to a socket's life (called from realtime/socket-session.ts): a staff socket
 * puts its owner on duty and, after the welcome, gets colleagues' presence and its pending offers;
 * a waiting visitor's socket gets its place in the queue.
 */
import type { ServerFrame } from '../../shared/protocol';
import type { StaffAvailability } from '../auth/roles';
import { toSummary } from '../conversations/mappers';
import type { ConversationService } from '../conversations/service';
import type { Presence, StaffRef } from './presence';
import type { RoutingService } from './service';

export interface RoutingFrameDeps {
  routing: RoutingService;
  presence: Presence;
  conversations: ConversationService;
}

export interface StaffOnDuty {
  availability: StaffAvailability;
  /** Call when the socket closes. */
  leave(): Promise<void>;
}

export async function staffSocketOpened(deps: RoutingFrameDeps, staff: StaffRef): Promise<StaffOnDuty> {
  const { connectionId, availability } = await deps.presence.connected(staff);
  return { availability, leave: () => deps.presence.disconnected(connectionId) };
}

/** Sent right after `welcome.staff`. */
export async function staffFollowUps(deps: RoutingFrameDeps, staff: StaffRef): Promise<ServerFrame[]> {
  const frames: ServerFrame[] = [{ type: 'staff.presence.list', staff: await deps.presence.colleagues(staff.deskId) }];
  for (const offer of await deps.routing.pendingOffersFor(staff)) {
    const conversation = await deps.conversations.findById(offer.conversationId);
    frames.push({ type: 'routing.offer', conversation: toSummary(conversation), expiresAt: offer.expiresAt });
  }
  return frames;
}

/** Sent right after `welcome.visitor` while the conversation waits. */
export async function visitorFollowUps(deps: RoutingFrameDeps, conversationId: string): Promise<ServerFrame[]> {
  const queue = await deps.routing.queueStatus(conversationId);
  return queue ? [{ type: 'visitor.queue', queue }] : [];
}
