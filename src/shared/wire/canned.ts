/** Canned answers: the consultant's prepared texts (src/server/canned). */
import * as z from 'zod/mini';
import { languageSchema } from '../desk-protocol';
import { writtenTextSchema } from './common';
import { defineRoute } from './contract';

/** Personal answers belong to one consultant; the shared set is the desk's, edited by admins. */
const CANNED_SCOPES = ['personal', 'shared'] as const;
const cannedScopeSchema = z.enum(CANNED_SCOPES);
export type CannedScope = z.infer<typeof cannedScopeSchema>;

const cannedAnswerSchema = z.object({
  id: z.uuid(),
  scope: cannedScopeSchema,
  language: languageSchema,
  title: z.string(),
  /** May hold {visitorName} and {officeHours}: the console fills them in the conversation's language. */
  body: z.string(),
  updatedAt: z.iso.datetime(),
});
export type CannedAnswer = z.infer<typeof cannedAnswerSchema>;

const cannedTitleSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(80));

/** An edit keeps the answer's scope. */
const cannedAnswerUpdateSchema = z.object({ language: languageSchema, title: cannedTitleSchema, body: writtenTextSchema });
export type CannedAnswerUpdate = z.infer<typeof cannedAnswerUpdateSchema>;

const cannedAnswerRequestSchema = z.extend(cannedAnswerUpdateSchema, { scope: cannedScopeSchema });
export type CannedAnswerRequest = z.infer<typeof cannedAnswerRequestSchema>;

const cannedAnswerQuerySchema = z.object({
  language: z.optional(languageSchema),
  scope: z.optional(cannedScopeSchema),
  /** Words to find in the title or the text, case-insensitive. */
  q: z.optional(z.string().check(z.maxLength(100))),
});
const cannedAnswerListSchema = z.object({ answers: z.array(cannedAnswerSchema) });
export type CannedAnswerList = z.infer<typeof cannedAnswerListSchema>;

export const CANNED_ROUTES = {
  list: defineRoute({ method: 'GET', path: '/api/canned-answers', auth: 'staff', query: cannedAnswerQuerySchema, response: cannedAnswerListSchema }),
  create: defineRoute({
    method: 'POST',
    path: '/api/canned-answers',
    auth: 'staff',
    body: cannedAnswerRequestSchema,
    response: cannedAnswerSchema,
    status: 201,
  }),
  update: defineRoute({ method: 'PUT', path: '/api/canned-answers/:id', auth: 'staff', body: cannedAnswerUpdateSchema, response: cannedAnswerSchema }),
  remove: defineRoute({ method: 'DELETE', path: '/api/canned-answers/:id', auth: 'staff', response: null }),
};
