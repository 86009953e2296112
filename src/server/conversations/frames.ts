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
import { historyPages } from './backlog';
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
      const resent = frame.resent ? await conversations.findResent(conversationId, actor, frame.clientId) : undefined;
      if (!resent) await rateLimiter.consume(actor.kind === 'staff' ? `staff:${actor.id}` : `visitor:${conversationId}`);
      const message = resent ?? (await conversations.post(desk, conversationId, actor, frame.clientId, frame.body, { origin: socket.id })).message;
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
      for await (const page of historyPages(conversations, taken.id, 0, 'staff')) await socket.replyPaced(page);
    },
    'conversation.sync': async (frame, socket) => {
      const actor = await socket.staffActor();
      const conversation = await conversations.findForStaff(actor, frame.conversationId);
      if (!isFollowedBy(conversation, actor.id)) throw new AppError('not_assigned');
      for await (const page of historyPages(conversations, conversation.id, frame.lastSeq, 'staff')) await socket.replyPaced(page);
    },
    'conversation.close': async (frame, socket) => {
      await conversations.close(desk, await socket.staffActor(), frame.conversationId, frame.topic, frame.outcome);
    },
  };
}
