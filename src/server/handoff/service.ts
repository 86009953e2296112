/**
 * Continuing a conversation on another device: the visitor's page asks for a case code (and a
 * QR code of a one-time link); the other device gives either back and gets the conversation
 * under a new key, while the old device is told it moved (ConversationService.reissueVisitorToken).
 * No account, no e-mail: holding the code is the proof, so it is used once, works only while the
 * conversation is open, and the routes limit how often anyone may try one.
 */
import { parseReadableCode } from '../../shared/readable-code';
import { CONTINUE_PAGE_PATH, type CaseCodeResponse, type ClaimCaseRequest } from '../../shared/protocol';
import type { Clock } from '../clock';
import type { Conversation } from '../conversations/types';
import type { ConversationService } from '../conversations/service';
import type { Desk } from '../desks/desk';
import { isUniqueViolation } from '../db/unique-violation';
import { AppError } from '../errors';
import { qrSvg } from '../office/routes';
import { newReadableCode } from '../readable-code';
import { hashToken, newSecretToken } from '../tokens';
import type { HandoffRepository } from './repository';

/** Two open conversations drawing the same code is a chance of about one in 10^9; three in a row, none. */
const ISSUE_ATTEMPTS = 3;

export interface HandoffDeps {
  desk: Desk;
  repository: HandoffRepository;
  conversations: Pick<ConversationService, 'findByToken' | 'reissueVisitorToken'>;
  clock: Clock;
  /** Where the QR code's link points: this desk's public address. */
  publicUrl: string;
}

export class HandoffService {
  constructor(private readonly deps: HandoffDeps) {}

  /** A new code and link for the visitor's open conversation; the ones given before stop working. */
  async issue(visitorToken: string): Promise<CaseCodeResponse> {
    const conversation = await this.deps.conversations.findByToken(visitorToken);
    if (conversation.desk_id !== this.deps.desk.id) throw new AppError('conversation_not_found');
    if (conversation.status === 'closed') throw new AppError('conversation_closed');
    for (let attempt = 1; ; attempt++) {
      const code = newReadableCode();
      const secret = newSecretToken();
      try {
        await this.deps.repository.issue({ conversation_id: conversation.id, code_hash: hashToken(code), secret_hash: hashToken(secret), issued_at: this.deps.clock.now().toISOString() });
      } catch (error) {
        if (isUniqueViolation(error) && attempt < ISSUE_ATTEMPTS) continue;
        throw error;
      }
      const link = `${this.deps.publicUrl}${CONTINUE_PAGE_PATH}#${secret}`;
      return { code, link, qrSvg: await qrSvg(link) };
    }
  }

  /**
   * Takes the conversation to the caller's device, once: a typed code (any case, dashes or not) or
   * the link's secret. Whatever does not open an open conversation of this desk is one answer,
   * `case_code_invalid`, so a guess learns nothing.
   */
  async claim(request: ClaimCaseRequest): Promise<{ token: string; conversation: Conversation }> {
    const conversationId = await this.consume(request);
    if (!conversationId) throw new AppError('case_code_invalid');
    try {
      const claimed = await this.deps.conversations.reissueVisitorToken(conversationId);
      if (claimed.conversation.desk_id !== this.deps.desk.id) throw new AppError('case_code_invalid');
      return claimed;
    } catch (error) {
      // Codes end with their conversation.
      if (error instanceof AppError && error.code === 'conversation_closed') throw new AppError('case_code_invalid');
      throw error;
    }
  }

  private async consume(request: ClaimCaseRequest): Promise<string | undefined> {
    if ('secret' in request) return this.deps.repository.consume('secret_hash', hashToken(request.secret));
    const code = parseReadableCode(request.code);
    return code ? this.deps.repository.consume('code_hash', hashToken(code)) : undefined;
  }
}
