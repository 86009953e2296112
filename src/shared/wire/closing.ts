/** Waiting visitors at closing time, or with nobody on duty (src/server/closing). */
import * as z from 'zod/mini';
import { emailAddressSchema, writtenTextSchema } from './common';
import { defineRoute } from './contract';
import { leaveMessageResponseSchema } from './inbox';

/** Waiting visitors are told this many minutes before the desk closes (and offered a left message or a booking). */
export const CLOSING_NOTICE_MINUTES = 10;

/** A waiting visitor turns their conversation into a left message; what they wrote comes prefilled. */
export const leaveInsteadRequestSchema = z.object({
  body: writtenTextSchema,
  /** Optional: without one the private link is the visitor's way back. */
  email: z.optional(emailAddressSchema),
  consent: z.literal(true),
});
export type LeaveInsteadRequest = z.infer<typeof leaveInsteadRequestSchema>;

export const CLOSING_ROUTES = {
  leaveInstead: defineRoute({
    method: 'POST',
    path: '/api/conversations/current/left-message',
    auth: 'visitor-token',
    body: leaveInsteadRequestSchema,
    response: leaveMessageResponseSchema,
    status: 201,
  }),
};
