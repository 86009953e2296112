/**
 * The call frames of one socket: each is checked by the call service against the stored call, so
 * any instance can take any frame; a refusal is thrown as an AppError and becomes an `error` frame
 * with its code.
 */
import type { ServerFrame } from '../../shared/protocol';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import type { FrameHandlers, SocketHooks } from '../module';
import type { RateLimiter } from '../rate-limit';
import type { CallService, IceGrant } from './service';

export type CallFrameType = 'call.start' | 'call.accept' | 'call.decline' | 'call.hangup' | 'call.signal' | 'call.ice' | 'call.request' | 'call.request.decline' | 'call.invite' | 'call.rejoin';

const iceFrame = (grant: IceGrant): ServerFrame => ({ type: 'call.ice', ...grant });

export function callFrames(calls: CallService, rateLimiter: RateLimiter): FrameHandlers<CallFrameType> {
  return {
    'call.start': async (frame, socket) => {
      const actor = await socket.actor();
      const conversationId = actor.kind === 'visitor' ? actor.conversationId : frame.conversationId;
      if (!conversationId) throw new AppError('invalid_frame', 'conversationId is required');
      socket.reply(iceFrame(await calls.start(actor, conversationId, frame.kind)));
    },
    'call.accept': async (frame, socket) => socket.reply(iceFrame(await calls.accept(await socket.actor(), frame.callId))),
    'call.decline': async (frame, socket) => calls.decline(await socket.actor(), frame.callId),
    'call.hangup': async (frame, socket) => calls.hangUp(await socket.actor(), frame.callId, frame.reason),
    'call.signal': async (frame, socket) => calls.relay(await socket.actor(), frame.callId, frame.to, frame.toJoins, frame.signal),
    'call.rejoin': async (frame, socket) => socket.reply(iceFrame(await calls.rejoin(await socket.actor(), frame.callId))),
    'call.ice': async (frame, socket) => socket.reply(iceFrame(await calls.iceFor(await socket.actor(), frame.callId))),
    'call.request': async (_frame, socket) => {
      const actor = await socket.actor();
      if (actor.kind !== 'visitor') throw new AppError('forbidden');
      // Each request is a line in the history: limited like the visitor's messages.
      await rateLimiter.consume(`visitor:${actor.conversationId}`);
      return calls.request(actor);
    },
    'call.request.decline': async (frame, socket) => {
      const actor = await socket.actor();
      if (actor.kind !== 'staff') throw new AppError('forbidden');
      return calls.declineRequest(actor, frame.conversationId);
    },
    'call.invite': async (frame, socket) => {
      const actor = await socket.actor();
      if (actor.kind !== 'staff') throw new AppError('forbidden');
      return calls.invite(actor, frame.callId, frame.staffId);
    },
  };
}

const liveCallFrames = async (calls: CallService, actor: Actor, conversationIds: string[]): Promise<ServerFrame[]> =>
  (await calls.liveFor(actor, conversationIds)).map((call) => ({ type: 'call.updated', call }));

/** After a hello: the calls that are live for this socket, so a reloaded page can rejoin or ring. */
export function callSocketHooks(calls: CallService): SocketHooks {
  return {
    visitorWelcomed: (conversationId) => liveCallFrames(calls, { kind: 'visitor', conversationId }, []),
    staffWelcomed: (actor, welcome) =>
      liveCallFrames(
        calls,
        actor,
        welcome.conversations.filter((c) => c.status === 'active').map((c) => c.id),
      ),
  };
}
