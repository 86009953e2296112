/** Typing and read frames of a socket; each socket thins out its own typing (one relay per socket). */
import type { FrameHandlers, SocketContext } from '../module';
import type { SignalService, TypingRelay } from './service';

export type SignalFrameType = 'typing' | 'conversation.read';

export function signalFrames(signals: SignalService): FrameHandlers<SignalFrameType> {
  const relays = new WeakMap<SocketContext, TypingRelay>();
  const relayOf = (socket: SocketContext): TypingRelay => {
    let relay = relays.get(socket);
    if (!relay) relays.set(socket, (relay = signals.typingRelay()));
    return relay;
  };
  return {
    typing: async (frame, socket) => {
      const { actor, conversationId } = await socket.messageAuthor(frame);
      await relayOf(socket).relay(actor, conversationId, frame.active);
    },
    'conversation.read': async (frame, socket) => signals.markRead(await socket.staffActor(), frame.conversationId, frame.seq),
  };
}
