import type { Config } from '../config';
import { defineModule } from '../module';
import { apertiumEngine, libreTranslateEngine, type TranslationEngine } from './engine';
import * as tables from './migrations/0016_translation_tables';
import { TranslationRepository } from './repository';
import { translationRoutes } from './routes';
import { TranslationService } from './service';

declare module '../module' {
  interface Services {
    translation: TranslationService;
  }
}

/** The engine the configuration names; none: the feature is off and hidden. */
function engineFor(config: Config['translation']): TranslationEngine | null {
  if (!config.engine || !config.url) return null;
  return config.engine === 'apertium' ? apertiumEngine(config.url) : libreTranslateEngine(config.url, config.apiKey);
}

export const translationModule = defineModule({
  name: 'translation',
  migrations: { '0016_translation_tables': tables },
  create({ config, database, bus, clock, log, services }) {
    const { conversations } = services;
    const repository = new TranslationRepository(database.db);
    const translation = new TranslationService(engineFor(config.translation), repository, conversations, bus, clock, config.translation, log);
    if (translation.configured) {
      conversations.useMessageTranslations((conversationId, afterSeq) => repository.after(conversationId, afterSeq));
      conversations.onMessagePosted((event) => void translation.translatePosted(event));
    }
    return {
      services: { translation },
      routes: async (app) => translationRoutes(app, { auth: services.auth, translation }),
      deliver: {
        /** Updates the message in place wherever it was delivered: the visitor, the assignee, the staff beside them. */
        'message-translated': (event, fanout) => {
          const frame = { type: 'message.translated', seq: event.seq, translation: event.translation } as const;
          fanout.toVisitors(event.conversationId, frame);
          const recipients = event.assigneeId ? [...event.participantIds, event.assigneeId] : event.participantIds;
          fanout.toStaff(event.deskId, recipients, { ...frame, conversationId: event.conversationId });
        },
      },
    };
  },
});
