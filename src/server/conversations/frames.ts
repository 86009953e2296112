/**
 * The conversation frames of a socket: posting, taking, syncing, closing and ending. Each reply
 * (`ack`, `history`) goes back on the socket the frame came in on; everything others see travels
 * as events.
 */
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import type { FrameHandlers } from '../module';
import { isFollowedBy } from './followers';
import type { RateLimiter } from '../rate-limit';
import { toMessage } from './mappers';
import type { ConversationService } from './service';

export type ConversationFrameType = 'message.send' | 'conversation.end' | 'conversation.take' | 'conversation.sync' | 'conversation.close';

interface ConversationFrameDeps {
  desk: Desk;
  conversations: ConversationService;
  rateLimiter: RateLimiter;
}

export function conversationFrames({ desk, conversations, rateLimiter }: ConversationFrameDeps): FrameHandlers<ConversationFrameType> {
  return {
    'message.send': async (frame, socket) => {
      const { actor, conversationId } = await socket.messageAuthor(frame);
      await rateLimiter.consume(actor.kind === 'staff' ? `staff:${actor.id}` : `visitor:${conversationId}`);
      const { message } = await conversations.post(desk, conversationId, actor, frame.clientId, frame.body, { origin: socket.id });
      socket.reply({
        type: 'ack',
        ...(actor.kind === 'staff' && { conversationId }),
        clientId: frame.clientId,
        seq: message.seq,
        sentAt: message.created_at,
      });
    },
    'conversation.end': async (_frame, socket) => {
      await conversations.endByVisitor(socket.visitorConversationId());
    },
    'conversation.take': async (frame, socket) => {
      const taken = await conversations.take(await socket.staffActor(), frame.conversationId);
      const messages = await conversations.messagesAfter(taken.id, 0);
      socket.reply({ type: 'history', conversationId: taken.id, messages: messages.map(toMessage) });
    },
    'conversation.sync': async (frame, socket) => {
      const actor = await socket.staffActor();
      const conversation = await conversations.findForStaff(actor, frame.conversationId);
      if (!isFollowedBy(conversation, actor.id)) throw new AppError('not_assigned');
      const messages = await conversations.messagesAfter(conversation.id, frame.lastSeq);
      socket.reply({ type: 'history', conversationId: conversation.id, messages: messages.map(toMessage) });
    },
    'conversation.close': async (frame, socket) => {
      await conversations.close(desk, await socket.staffActor(), frame.conversationId, frame.topic, frame.outcome);
    },
  };
}
