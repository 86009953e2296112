import { AppError } from '../errors';
import { defineModule } from '../module';
import { conversationFrames } from './frames';
import { staffBacklog, visitorWelcome } from './backlog';
import { toSummary, toVisitorMessage } from './mappers';
import { ConversationRepository } from './repository';
import { conversationRoutes } from './routes';
import { ConversationService } from './service';
import * as spokenLanguage from './migrations/0014_conversations_spoken_language';
import * as movedTokens from './migrations/0017_conversations_moved_tokens';
import * as networkHash from './migrations/0019_visitor_blocks_conversation_network';
import * as appendFunction from './migrations/0021_conversations_append_function';

declare module '../module' {
  interface Services {
    conversations: ConversationService;
    /** The one writer of the conversation log, for domains that append inside their own transaction (calls, participants). */
    conversationLog: ConversationRepository;
  }
}

export const conversationsModule = defineModule({
  name: 'conversations',
  migrations: {
    '0014_conversations_spoken_language': spokenLanguage,
    '0017_conversations_moved_tokens': movedTokens,
    '0019_visitor_blocks_conversation_network': networkHash,
    '0021_conversations_append_function': appendFunction,
  },
  create({ config, database, bus, clock, desk, messageRateLimiter, services }) {
    const { schedule, topics, audit, staff, reports } = services;
    const conversationLog = new ConversationRepository(database);
    const conversations = new ConversationService(conversationLog, bus, clock, schedule, topics, audit, staff, reports);
    return {
      services: { conversations, conversationLog },
      routes: async (app) => conversationRoutes(app, { desk, conversations, topics, office: services.office, blocks: services.blocks, startsPerMinute: config.limits.conversationsPerMinute, pdfTranscriptsPerMinute: config.limits.pdfTranscriptsPerMinute, proofOfWork: services.proofOfWork }),
      frames: conversationFrames({ desk, conversations, rateLimiter: messageRateLimiter }),
      deliver: {
        /** A message reaches the visitor, the consultant it is assigned to and the staff who joined them. */
        message: (event, fanout) => {
          fanout.toVisitors(event.conversationId, { type: 'message', message: toVisitorMessage(event.message) }, event.origin);
          const recipients = event.assigneeId ? [...event.participantIds, event.assigneeId] : event.participantIds;
          fanout.toStaff(event.deskId, recipients, { type: 'message', conversationId: event.conversationId, message: event.message }, event.origin);
        },
        /** Status changes reach the visitor (their view) and all staff of the desk (the queue view). */
        conversation: (event, fanout) => {
          fanout.toVisitors(event.summary.id, { type: 'visitor.conversation.updated', conversation: event.visitorView });
          fanout.toAllStaff(event.deskId, { type: 'conversation.updated', conversation: event.summary });
        },
        /** The visitor's other devices (on any instance) are told the conversation moved; staff notice nothing. */
        'visitor-moved': (event, fanout) => fanout.endVisitorSessions(event.conversationId, event.keptTokenHash),
      },
      directory: {
        async visitorConversation(token) {
          const found = await conversations.findRecordByToken(token);
          if (found.desk_id !== desk.id) throw new AppError('conversation_not_found');
          return found.id;
        },
        visitorWelcome: (conversationId, lastSeq) => visitorWelcome(conversations, conversationId, lastSeq),
        staffBacklog: (actor, listed, resume) => staffBacklog(conversations, actor, listed, resume),
        async staffConversations(actor) {
          return (await conversations.listForStaff(actor)).map(toSummary);
        },
      },
    };
  },
});
