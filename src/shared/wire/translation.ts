/** Machine translation of a conversation's messages (src/server/translation, docs/translation.md). */
import * as z from 'zod/mini';
import { seqSchema } from '../desk-protocol';
import { conversationIdSchema } from './common';
import { defineRoute } from './contract';

/** A language as the engine and the conversation name it: an ISO 639-1 code such as `es`. */
const languageCodeSchema = z.string().check(z.regex(/^[a-z]{2,3}$/));

/**
 * What became of a message's translation: the text in the other side's language, or `unavailable`
 * (the engine was slow or down; the original was delivered and a later translation replaces this).
 */
export const messageTranslationSchema = z.object({
  status: z.enum(['translated', 'unavailable']),
  from: languageCodeSchema,
  to: languageCodeSchema,
  text: z.nullable(z.string()),
});
export type MessageTranslation = z.infer<typeof messageTranslationSchema>;

/** Whether a conversation's messages are translated, and into which language for the consultant. */
const conversationTranslationSchema = z.object({
  enabled: z.boolean(),
  /** The language the consultant reads and writes; the visitor's is the conversation's. */
  staffLanguage: z.nullable(languageCodeSchema),
  visitorLanguage: languageCodeSchema,
});
export type ConversationTranslation = z.infer<typeof conversationTranslationSchema>;

/** What the desk's engine offers; `configured: false` hides every translation control. */
const translationStatusSchema = z.object({
  configured: z.boolean(),
  /** Target languages the engine can translate the conversation's language into and back. */
  languages: z.array(languageCodeSchema),
});

const setTranslationRequestSchema = z.object({ enabled: z.boolean(), staffLanguage: languageCodeSchema });

/** A stored message's translation arrived (or failed): the receiver updates that message in place. */
const messageTranslatedFrame = z.object({
  type: z.literal('message.translated'),
  conversationId: z.optional(conversationIdSchema),
  seq: seqSchema,
  translation: messageTranslationSchema,
});

/** Frames this domain sends; protocol.ts joins every domain's into one union. */
export const TRANSLATION_SERVER_FRAMES = [messageTranslatedFrame] as const;

export const TRANSLATION_ROUTES = {
  status: defineRoute({ method: 'GET', path: '/api/translation', auth: 'staff', response: translationStatusSchema }),
  get: defineRoute({ method: 'GET', path: '/api/conversations/:id/translation', auth: 'staff', response: conversationTranslationSchema }),
  set: defineRoute({
    method: 'PUT',
    path: '/api/conversations/:id/translation',
    auth: 'staff',
    body: setTranslationRequestSchema,
    response: conversationTranslationSchema,
  }),
};
