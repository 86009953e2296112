import { defineModule } from '../module';
import { NoteRepository } from './repository';
import { noteRoutes } from './routes';
import { NoteService } from './service';

declare module '../module' {
  interface Services {
    notes: NoteService;
  }
}

export const notesModule = defineModule({
  name: 'notes',
  create({ config, database, bus, clock, services }) {
    const notes = new NoteService(new NoteRepository(database.db), services.conversations, bus, clock, config.limits.maxMessageLength);
    return {
      services: { notes },
      routes: async (app) => noteRoutes(app, { auth: services.auth, notes }),
      deliver: {
        /** A note goes to the named staff members only: no visitor socket is ever considered. */
        note: (event, fanout) => fanout.toStaff(event.deskId, event.staffIds, { type: 'note', note: event.note }),
      },
    };
  },
});
