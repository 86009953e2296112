/**
 * What routing adds to a socket's life: its frames (availability, declining an offer, a waiting
 * visitor's language); a staff socket puts its owner on duty and, after the welcome, gets
 * colleagues' presence and its pending offers; a waiting visitor's socket gets its place in the queue.
 */
import type { ServerFrame } from '../../shared/protocol';
import type { Clock } from '../clock';
import { toSummary } from '../conversations/mappers';
import type { ConversationService } from '../conversations/service';
import type { FrameHandlers, SocketHooks } from '../module';
import type { Presence } from './presence';
import type { RoutingService } from './service';

export type RoutingFrameType = 'staff.availability' | 'routing.decline' | 'visitor.language';

export interface RoutingFrameDeps {
  routing: RoutingService;
  presence: Presence;
  conversations: ConversationService;
  clock: Clock;
}

export function routingFrames({ routing, presence }: Pick<RoutingFrameDeps, 'routing' | 'presence'>): FrameHandlers<RoutingFrameType> {
  return {
    'staff.availability': async (frame, socket) => presence.setAvailability(await socket.staffActor(), frame.availability),
    'routing.decline': async (frame, socket) => routing.decline(await socket.staffActor(), frame.conversationId),
    'visitor.language': (frame, socket) => routing.changeLanguage(socket.visitorConversationId(), frame.language),
  };
}

export function routingSocketHooks({ routing, presence, conversations, clock }: RoutingFrameDeps): SocketHooks {
  return {
    async staffConnected(staff) {
      const { connectionId, availability } = await presence.connected(staff);
      return { availability, leave: () => presence.disconnected(connectionId) };
    },
    async staffWelcomed(staff) {
      const frames: ServerFrame[] = [{ type: 'staff.presence.list', staff: await presence.colleagues(staff.deskId) }];
      for (const offer of await routing.pendingOffersFor(staff)) {
        const conversation = await conversations.findById(offer.conversationId);
        frames.push({ type: 'routing.offer', conversation: toSummary(conversation), expiresAt: offer.expiresAt, sentAt: clock.now().toISOString() });
      }
      return frames;
    },
    async visitorWelcomed(conversationId) {
      const queue = await routing.statusOnWelcome(conversationId);
      return queue ? [{ type: 'visitor.queue', queue }] : [];
    },
  };
}
