import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isUiLanguage } from '../../shared/languages';
import { CONVERSATION_ROUTES } from '../../shared/protocol';
import { serve } from '../contracts';
import { visitorClient, type BlockService } from '../blocks/service';
import type { Desk } from '../desks/desk';
import type { OfficeService } from '../office/service';
import type { TopicService } from '../topics/service';
import { tokenFromAuthorization } from '../http';
import { toVisitorView } from './mappers';
import type { ConversationService } from './service';
import { renderTranscript, transcriptDate } from './transcript';

export interface ConversationRouteOptions {
  desk: Desk;
  conversations: ConversationService;
  topics: Pick<TopicService, 'name'>;
  office: Pick<OfficeService, 'name'>;
  blocks: Pick<BlockService, 'assertNotBlocked'>;
  /** New conversations per IP per minute. */
  startsPerMinute: number;
}

/** The visitor's conversation token, from the Authorization header. */
export function bearerToken(request: FastifyRequest): string {
  return tokenFromAuthorization(request, 'conversation_not_found');
}

export async function conversationRoutes(app: FastifyInstance, options: ConversationRouteOptions): Promise<void> {
  const { desk, conversations, topics, office } = options;

  const startLimit = { rateLimit: { max: options.startsPerMinute, timeWindow: 60_000 } };
  serve(app, CONVERSATION_ROUTES.start, { config: startLimit }, async ({ body }, request) => {
    const client = visitorClient(request, body.deviceId);
    await options.blocks.assertNotBlocked(desk.id, client);
    const { token, conversation } = await conversations.start(desk, body, undefined, client.networkHash);
    return { token, conversation: toVisitorView(conversation) };
  });

  serve(app, CONVERSATION_ROUTES.forget, {}, async (_input, request) => conversations.forgetVisitorToken(bearerToken(request)));

  serve(app, CONVERSATION_ROUTES.transcript, {}, async (_input, request, reply) => {
    const conversation = await conversations.findByToken(bearerToken(request));
    const requested = (request.query as { lang?: unknown }).lang;
    const language = isUiLanguage(requested) ? requested : isUiLanguage(conversation.language) ? conversation.language : desk.defaultLanguage;
    const [messages, topicName, deskName] = await Promise.all([
      conversations.messagesAfter(conversation.id, 0),
      topics.name(desk.id, conversation.topic, language),
      office.name(desk.id, language),
    ]);
    const text = renderTranscript({ deskName, timeZone: desk.timeZone, language, topicName, conversation, messages });
    const day = transcriptDate(conversation.created_at, desk.timeZone);
    return reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('content-disposition', `attachment; filename="e-konsultant-${day}.txt"`)
      .header('cache-control', 'no-store')
      .send(text);
  });
}
