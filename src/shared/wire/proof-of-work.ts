/**
 * The proof of work a visitor's client gives when it is over a per-address limit
 * (src/server/proof-of-work): an ALTCHA (v2) challenge in the 429 `challenge_required` problem, and
 * the solved challenge sent back once in the `X-Altcha` header (base64 of the JSON payload). No
 * route of its own: it rides on the limited routes.
 */
import * as z from 'zod/mini';

export { POW_HEADER } from './proof-of-work-header';

/** What `altcha-lib`'s createChallenge makes (SHA-256, deterministic counter, signed key). */
export const powChallengeSchema = z.object({
  parameters: z.object({
    algorithm: z.literal('SHA-256'),
    nonce: z.string().check(z.regex(/^[0-9a-f]{1,128}$/)),
    salt: z.string().check(z.regex(/^[0-9a-f]{1,128}$/)),
    cost: z.int().check(z.minimum(1), z.maximum(16)),
    keyLength: z.int().check(z.minimum(1), z.maximum(64)),
    keyPrefix: z.string().check(z.regex(/^[0-9a-f]{1,128}$/)),
    keySignature: z.optional(z.string().check(z.maxLength(256))),
    data: z.object({
      /** The limit it opens (a solution for new conversations does not book a call). */
      scope: z.string().check(z.maxLength(40)),
      /** Unix milliseconds after which the server refuses its solution. */
      expires: z.int(),
    }),
  }),
  signature: z.string().check(z.maxLength(256)),
});
export type PowChallenge = z.infer<typeof powChallengeSchema>;

export const powPayloadSchema = z.object({
  challenge: powChallengeSchema,
  solution: z.object({ counter: z.int().check(z.minimum(0)), derivedKey: z.string().check(z.maxLength(256)) }),
});
export type PowPayload = z.infer<typeof powPayloadSchema>;

/** The 429 problem's extension member. */
export const powProblemSchema = z.object({ code: z.literal('challenge_required'), challenge: powChallengeSchema });
