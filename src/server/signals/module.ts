import { defineModule } from '../module';
import { signalFrames } from './frames';
import { SignalService } from './service';

declare module '../module' {
  interface Services {
    /** Typing indicators and read receipts. */
    signals: SignalService;
  }
}

export const signalsModule = defineModule({
  name: 'signals',
  create({ bus, clock, services }) {
    const signals = new SignalService(services.conversationLog, services.conversations, bus, clock);
    return {
      services: { signals },
      frames: signalFrames(signals),
      deliver: {
        /** The visitor hears that staff type; the staff who follow the conversation, that the visitor types. */
        typing: (event, fanout) => {
          if (event.author === 'staff') fanout.toVisitors(event.conversationId, { type: 'typing', author: 'staff', active: event.active });
          else fanout.toStaff(event.deskId, event.staffIds, { type: 'typing', conversationId: event.conversationId, author: 'visitor', active: event.active });
        },
        read: (event, fanout) => fanout.toVisitors(event.conversationId, { type: 'read', seq: event.seq }),
      },
    };
  },
});
