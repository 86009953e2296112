/**
 * The call frames of one socket (socket-session.ts delegates them here): each is checked by the
 * call service against the stored call, so any instance can take any frame; a refusal is thrown
 * as an AppError and becomes an `error` frame with its code.
 */
import type { ClientFrame, ServerFrame } from '../../shared/protocol';
import type { Actor } from '../conversations/service';
import { AppError } from '../errors';
import type { RateLimiter } from '../realtime/rate-limit';
import type { CallService, IceGrant } from './service';

export type CallFrame = Extract<ClientFrame, { type: `call.${string}` }>;

export interface CallFrameContext {
  actor: Actor;
  calls: CallService;
  rateLimiter: RateLimiter;
  reply: (frame: ServerFrame) => void;
}

export function isCallFrame(frame: ClientFrame): frame is CallFrame {
  return frame.type.startsWith('call.');
}

const iceFrame = (grant: IceGrant): ServerFrame => ({ type: 'call.ice', ...grant });

export async function handleCallFrame(frame: CallFrame, { actor, calls, rateLimiter, reply }: CallFrameContext): Promise<void> {
  switch (frame.type) {
    case 'call.start': {
      const conversationId = actor.kind === 'visitor' ? actor.conversationId : frame.conversationId;
      if (!conversationId) throw new AppError('invalid_frame', 'conversationId is required');
      return reply(iceFrame(await calls.start(actor, conversationId, frame.kind)));
    }
    case 'call.accept':
      return reply(iceFrame(await calls.accept(actor, frame.callId)));
    case 'call.decline':
      return calls.decline(actor, frame.callId);
    case 'call.hangup':
      return calls.hangUp(actor, frame.callId, frame.reason);
    case 'call.signal':
      return calls.relay(actor, frame.callId, frame.to, frame.signal);
    case 'call.ice':
      return reply(iceFrame(await calls.iceFor(actor, frame.callId)));
    case 'call.request':
      if (actor.kind !== 'visitor') throw new AppError('forbidden');
      // Each request is a line in the history: limited like the visitor's messages.
      await rateLimiter.consume(`visitor:${actor.conversationId}`);
      return calls.request(actor);
    case 'call.invite':
      if (actor.kind !== 'staff') throw new AppError('forbidden');
      return calls.invite(actor, frame.callId, frame.staffId);
  }
}

/** After a hello: the calls that are live for this socket, so a reloaded page can rejoin or ring. */
export async function callFollowUps(calls: CallService, actor: Actor, conversationIds: string[]): Promise<ServerFrame[]> {
  return (await calls.liveFor(actor, conversationIds)).map((call) => ({ type: 'call.updated', call }));
}
