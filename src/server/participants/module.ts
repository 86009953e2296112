import { defineModule } from '../module';
import { ParticipantRepository } from './repository';
import { participantRoutes } from './routes';
import { ParticipantService } from './service';

declare module '../module' {
  interface Services {
    /** Staff beside the assignee, transfers, the supervisor's view. */
    participants: ParticipantService;
  }
}

export const participantsModule = defineModule({
  name: 'participants',
  create({ database, bus, clock, desk, services }) {
    const { conversations, conversationLog, topics, audit, auth, staff } = services;
    const participants = new ParticipantService(new ParticipantRepository(database.db, conversationLog), conversations, topics, audit, bus, clock, staff);
    return {
      services: { participants },
      routes: async (app) => participantRoutes(app, { desk, auth, participants }),
      deliver: {
        /** A transfer note is for the consultant who receives the conversation, and nobody else. */
        'transfer-note': (event, fanout) => fanout.toStaff(event.deskId, [event.recipientId], { type: 'transfer.note', note: event.note }),
      },
    };
  },
});
