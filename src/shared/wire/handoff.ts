/**
 * Continuing a conversation on another device (src/server/handoff): the visitor's page shows a
 * short case code and a QR code of a one-time link; either, used on another device, takes the
 * conversation there with a new key, and the old device's key stops working.
 */
import * as z from 'zod/mini';
import { startConversationResponseSchema } from '../desk-protocol';
import { defineRoute } from './contract';
import { READABLE_CODE_PATTERN } from '../readable-code';

export const caseCodeResponseSchema = z.object({
  /** EK-XXXX-XXXX: read aloud or copied by hand, typed in any case, with or without dashes. */
  code: z.string().check(z.regex(READABLE_CODE_PATTERN)),
  /** `/continue#<secret>` on this desk: opens the conversation once, on whichever device scans it. */
  link: z.url(),
  /** The link as a QR code (SVG markup). */
  qrSvg: z.string(),
});
export type CaseCodeResponse = z.infer<typeof caseCodeResponseSchema>;

/** Either what was typed (parsed on the server as in the browser) or the link's secret. */
export const claimCaseRequestSchema = z.union([
  z.object({ code: z.string().check(z.maxLength(40)) }),
  z.object({ secret: z.string().check(z.minLength(16), z.maxLength(200)) }),
]);
export type ClaimCaseRequest = z.infer<typeof claimCaseRequestSchema>;

export const HANDOFF_ROUTES = {
  /** A new case code and link for the visitor's open conversation; the ones before stop working. */
  issue: defineRoute({
    method: 'POST',
    path: '/api/conversations/current/case-code',
    auth: 'visitor-token',
    response: caseCodeResponseSchema,
    status: 201,
  }),
  /** Takes the conversation to this device, once: a new key for it, and the backlog on connecting. */
  claim: defineRoute({
    method: 'POST',
    path: '/api/case-codes/claim',
    auth: 'none',
    body: claimCaseRequestSchema,
    response: startConversationResponseSchema,
  }),
};
