import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUiLanguage } from '../../shared/languages';
import { CONVERSATION_ROUTES } from '../../shared/protocol';
import { serve } from '../contracts';
import { visitorClient, type BlockService } from '../blocks/service';
import type { Desk } from '../desks/desk';
import type { OfficeService } from '../office/service';
import type { ProofOfWorkService } from '../proof-of-work/service';
import type { TopicService } from '../topics/service';
import { tokenFromAuthorization } from '../http';
import { toVisitorView } from './mappers';
import type { ConversationService } from './service';
import { renderTranscript, transcriptContent, transcriptDate } from './transcript';
import { renderTranscriptPdf } from './transcript-pdf';

export interface ConversationRouteOptions {
  desk: Desk;
  conversations: ConversationService;
  topics: Pick<TopicService, 'name'>;
  office: Pick<OfficeService, 'name'>;
  blocks: Pick<BlockService, 'assertNotBlocked'>;
  /** New conversations per IP per minute. */
  startsPerMinute: number;
  /** PDF transcripts per IP per minute. */
  pdfTranscriptsPerMinute: number;
  /** Past a per-address limit, a proof of work (src/server/proof-of-work). */
  proofOfWork: Pick<ProofOfWorkService, 'limit'>;
}

/** The visitor's conversation token, from the Authorization header. */
export function bearerToken(request: FastifyRequest): string {
  return tokenFromAuthorization(request, 'conversation_not_found');
}

export async function conversationRoutes(app: FastifyInstance, options: ConversationRouteOptions): Promise<void> {
  const { desk, conversations, topics, office } = options;

  const startLimit = options.proofOfWork.limit(app, { scope: 'conversation-start', max: options.startsPerMinute, timeWindowMs: 60_000 });
  serve(app, CONVERSATION_ROUTES.start, { onRequest: startLimit }, async ({ body }, request) => {
    const client = visitorClient(request, body.deviceId);
    await options.blocks.assertNotBlocked(desk.id, client);
    const { token, conversation } = await conversations.start(desk, body, undefined, client.networkHash);
    return { token, conversation: toVisitorView(conversation) };
  });

  serve(app, CONVERSATION_ROUTES.forget, {}, async (_input, request) => conversations.forgetVisitorToken(bearerToken(request)));

  /** The transcript's content in the requested language (else the conversation's, else the desk's), and the day for its file name. */
  const transcriptOf = async (request: FastifyRequest) => {
    const conversation = await conversations.findByToken(bearerToken(request));
    const requested = (request.query as { lang?: unknown }).lang;
    const language = isUiLanguage(requested) ? requested : isUiLanguage(conversation.language) ? conversation.language : desk.defaultLanguage;
    const [messages, topicName, deskName] = await Promise.all([
      conversations.messagesAfter(conversation.id, 0),
      topics.name(desk.id, conversation.topic, language),
      office.name(desk.id, language),
    ]);
    const input = { deskName, timeZone: desk.timeZone, language, topicName, conversation, messages };
    return { input, deskName, day: transcriptDate(conversation.created_at, desk.timeZone) };
  };

  const sendFile = (reply: FastifyReply, contentType: string, filename: string, body: string | Buffer) =>
    reply
      .header('content-type', contentType)
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'no-store')
      .send(body);

  serve(app, CONVERSATION_ROUTES.transcript, {}, async (_input, request, reply) => {
    const { input, day } = await transcriptOf(request);
    return sendFile(reply, 'text/plain; charset=utf-8', `e-konsultant-${day}.txt`, renderTranscript(input));
  });

  const pdfLimit = { rateLimit: { max: options.pdfTranscriptsPerMinute, timeWindow: 60_000 } };
  serve(app, CONVERSATION_ROUTES.transcriptPdf, { config: pdfLimit }, async (_input, request, reply) => {
    const { input, deskName, day } = await transcriptOf(request);
    return sendFile(reply, 'application/pdf', `e-konsultant-${day}.pdf`, await renderTranscriptPdf(transcriptContent(input), deskName));
  });
}
