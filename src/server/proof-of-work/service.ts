/**
 * The proof of work (ALTCHA v2, `altcha-lib`) in front of the per-address limits a visitor meets:
 * new conversations, left messages, bookings and their moves, case codes. `limit()` is the one way
 * those routes are limited: it counts the client's network in @fastify/rate-limit's store (shared
 * through Redis when configured) and applies `limitStanding` (rule.ts). A challenge is signed with
 * a key every instance shares (POW_HMAC_KEY, else one random key stored in the database), bound to
 * its limit's scope, good for POW_CHALLENGE_SECONDS by the injected clock; its solution is taken
 * once on any instance (`pow_spent`).
 */
import { randomBytes } from 'node:crypto';
import { createChallenge, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../shared/errors';
import { POW_HEADER, powChallengeSchema, powPayloadSchema, type PowChallenge, type PowPayload } from '../../shared/wire/proof-of-work';
import { clientNetwork } from '../client-address';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { AppError } from '../errors';
import type { ProofOfWorkRepository } from './repository';
import { hardCeiling, limitStanding } from './rule';

export interface ChallengedLimit {
  /** Names the counter and binds the challenges: one scope, one limit, whatever routes share it. */
  scope: string;
  /** Requests per window under which nobody is asked for anything. */
  max: number;
  timeWindowMs: number;
  /** The code beyond the hard ceiling; `rate_limited` unless the domain has a more telling one. */
  exceeded?: ErrorCode;
}

export type LimitHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export class ProofOfWorkService {
  private key: Promise<string> | undefined;

  constructor(
    /** Keys the counts, as the desk's other limits do (deployments may share one Redis). */
    private readonly deskId: string,
    private readonly repository: ProofOfWorkRepository,
    private readonly settings: Config['proofOfWork'],
    private readonly clock: Clock,
  ) {}

  /** An onRequest hook limiting a route (or several, sharing the count) by the client's network. */
  limit(app: FastifyInstance, options: ChallengedLimit): LimitHook {
    const { scope, max } = options;
    const counter = app.createRateLimit({
      max: hardCeiling(max, this.settings.ceilingFactor),
      timeWindow: options.timeWindowMs,
      keyGenerator: (request: FastifyRequest) => `pow:${this.deskId}:${scope}:${clientNetwork(request.ip)}`,
    });
    return async (request, reply) => {
      const counted = await counter(request);
      if (counted.isAllowed) return;
      // The store reports what is left under the ceiling; while Redis is away nothing is counted.
      const standing = counted.isExceeded ? 'over' : limitStanding(counted.max - counted.remaining, max, this.settings.ceilingFactor);
      if (standing === 'under') return;
      if (standing === 'over') {
        void reply.header('retry-after', String(counted.ttlInSeconds));
        throw new AppError(options.exceeded ?? 'rate_limited');
      }
      if (await this.redeem(request.headers[POW_HEADER], scope)) return;
      throw new AppError('challenge_required', undefined, { challenge: await this.challenge(scope) });
    };
  }

  /** A new challenge for `scope`, good until now + POW_CHALLENGE_SECONDS. */
  async challenge(scope: string): Promise<PowChallenge> {
    const secrets = await this.secrets();
    const expires = this.clock.now().getTime() + this.settings.challengeSeconds * 1000;
    const challenge = await createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: randomInt(this.settings.maxNumber),
      deriveKey,
      data: { scope, expires },
      ...secrets,
    });
    return powChallengeSchema.parse(challenge);
  }

  /** True when the header holds a solution of an unexpired challenge of ours for `scope`, not taken before; it is taken now. */
  async redeem(header: string | string[] | undefined, scope: string): Promise<boolean> {
    const payload = typeof header === 'string' ? payloadOf(header) : undefined;
    if (!payload) return false;
    const { challenge, solution } = payload;
    const now = this.clock.now();
    const { expires } = challenge.parameters.data;
    if (challenge.parameters.data.scope !== scope || expires < now.getTime()) return false;
    const result = await verifySolution({ challenge, solution, deriveKey, ...(await this.secrets()) });
    if (!result.verified) return false;
    return this.repository.spend(challenge.signature, new Date(expires).toISOString(), now.toISOString());
  }

  /** One secret signs the challenge, another the key it hides (so a solution is checked with one HMAC, not a search). */
  private async secrets(): Promise<{ hmacSignatureSecret: string; hmacKeySignatureSecret: string }> {
    this.key ??= this.settings.hmacKey
      ? Promise.resolve(this.settings.hmacKey)
      : this.repository.sharedKey(randomBytes(32).toString('base64url'), this.clock.now().toISOString()).catch((error: unknown) => {
          this.key = undefined;
          throw error;
        });
    const key = await this.key;
    return { hmacSignatureSecret: `challenge:${key}`, hmacKeySignatureSecret: `key:${key}` };
  }
}

function payloadOf(header: string): PowPayload | undefined {
  if (header.length > 4096) return undefined;
  try {
    const parsed = powPayloadSchema.safeParse(JSON.parse(Buffer.from(header, 'base64').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
