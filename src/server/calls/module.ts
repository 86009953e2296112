import { AppError } from '../errors';
import { defineModule } from '../module';
import type { ServerFrame } from '../../shared/protocol';
import { callFrames, callSocketHooks } from './frames';
import { callMigrations } from './migrations';
import { CallPolicyService } from './policy';
import { startCallHousekeeping } from './housekeeping';
import { CallRepository } from './repository';
import { callRoutes } from './routes';
import { CallService, type JoinAsInterpreter } from './service';

declare module '../module' {
  interface Services {
    calls: CallService;
    /** The office's call settings (may a visitor start a call). */
    callPolicy: CallPolicyService;
  }
}

export const callsModule = defineModule({
  name: 'calls',
  migrations: callMigrations,
  create({ config, database, bus, clock, log, messageRateLimiter, services }) {
    const { participants, auth, conversationLog, staff, reports, audit, deskInfo } = services;
    const joinAsInterpreter: JoinAsInterpreter = async (actor, conversationId) => {
      try {
        await participants.join(actor, conversationId, 'interpreter');
      } catch (error) {
        // Already in the conversation (e.g. invited into a second call): nothing to add.
        if (!(error instanceof AppError && error.code === 'already_in_conversation')) throw error;
      }
    };
    const repository = new CallRepository(database.db, conversationLog);
    const callPolicy = new CallPolicyService(repository, { visitorMayStart: config.calls.visitorMayStart }, audit, clock);
    const calls = new CallService(repository, bus, clock, config.calls, joinAsInterpreter, staff, reports, callPolicy);
    // The visitor page learns from the desk's info whether it offers the call buttons.
    deskInfo.useCallPolicy((deskId) => callPolicy.settings(deskId));
    return {
      services: { calls, callPolicy },
      routes: async (app) => callRoutes(app, { auth, calls, policy: callPolicy }),
      frames: callFrames(calls, messageRateLimiter),
      sockets: callSocketHooks(calls),
      deliver: {
        /** A call's state reaches the conversation's visitor and the staff the event names. */
        call: (event, fanout) => {
          const frame: ServerFrame = { type: 'call.updated', call: event.call };
          fanout.toVisitors(event.conversationId, frame);
          fanout.toStaff(event.deskId, event.staffIds, frame);
        },
        /** Signalling goes to the one side it is addressed to: the visitor's sockets, or one staff member's. */
        'call-signal': (event, fanout) => {
          const frame: ServerFrame = { type: 'call.signal', callId: event.callId, from: event.from, fromJoins: event.fromJoins, toJoins: event.toJoins, signal: event.signal };
          if (event.to === 'visitor') fanout.toVisitors(event.conversationId, frame);
          else fanout.toStaff(event.deskId, [event.to], frame);
        },
      },
      jobs: [{ name: 'call housekeeping', start: () => startCallHousekeeping(calls, bus, log) }],
    };
  },
});
