/**
 * Two-way machine translation of a conversation. A message is stored and delivered as written;
 * only then is it sent to the engine, and its translation is stored in this domain's own table and
 * announced as a `message-translated` event, which updates the message in place in both apps.
 * When the engine has not answered within the patience, the message is marked `unavailable` at
 * once; a translation that still arrives before the timeout replaces that mark.
 */
import type { ConversationTranslation, MessageTranslation } from '../../shared/protocol';
import type { StaffActor } from '../actor';
import type { Clock } from '../clock';
import type { MessageEvent } from '../conversations/events';
import { isFollowedBy } from '../conversations/followers';
import type { ConversationService } from '../conversations/service';
import type { Conversation } from '../conversations/types';
import { AppError } from '../errors';
import type { Bus } from '../events/bus';
import type { LanguagePair, TranslationEngine } from './engine';
import type { TranslationRepository } from './repository';

export interface TranslationSettings {
  /** After this long without an answer the original is marked "translation unavailable". */
  patienceMs: number;
  /** The engine's answer is awaited this long at most (a later answer still replaces the mark). */
  timeoutMs: number;
  /** Visitor languages whose conversations are translated from the start, into `defaultStaffLanguage`. */
  autoLanguages: readonly string[];
  defaultStaffLanguage: string;
}

export class TranslationService {
  constructor(
    private readonly engine: TranslationEngine | null,
    private readonly repository: TranslationRepository,
    private readonly conversations: Pick<ConversationService, 'findForStaff' | 'findById'>,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly settings: TranslationSettings,
    private readonly log: { warn(details: object, message: string): void },
  ) {}

  get configured(): boolean {
    return this.engine !== null;
  }

  /** The languages the engine translates both into and out of (for the console's choice). */
  async languages(): Promise<string[]> {
    if (!this.engine) return [];
    const pairs = await this.engine.pairs(AbortSignal.timeout(this.settings.timeoutMs)).catch(() => []);
    const directions = new Set(pairs.map((pair) => `${pair.from}>${pair.to}`));
    return [...new Set(pairs.filter((pair) => directions.has(`${pair.to}>${pair.from}`)).map((pair) => pair.from))].sort();
  }

  async forStaff(actor: StaffActor, conversationId: string): Promise<ConversationTranslation> {
    return this.settingOf(await this.conversations.findForStaff(actor, conversationId));
  }

  /** The consultant turns translation on (into their language) or off for a conversation they follow. */
  async set(actor: StaffActor, conversationId: string, enabled: boolean, staffLanguage: string): Promise<ConversationTranslation> {
    if (!this.engine) throw new AppError('translation_not_configured');
    const conversation = await this.conversations.findForStaff(actor, conversationId);
    if (!isFollowedBy(conversation, actor.id)) throw new AppError('not_assigned');
    await this.repository.setStaffLanguage(conversationId, enabled ? staffLanguage : null, this.clock.now().toISOString());
    return this.settingOf(conversation);
  }

  /** Starts translating a message just posted; never throws (a failure is stored as `unavailable`). */
  translatePosted(event: MessageEvent): Promise<void> {
    return this.translate(event).catch((error: unknown) => this.log.warn({ err: error, conversationId: event.conversationId }, 'translation failed'));
  }

  private async translate(event: MessageEvent): Promise<void> {
    const { message } = event;
    if (!this.engine || message.author === 'system' || message.attachment || message.body.trim() === '') return;
    const { staffLanguage, visitorLanguage } = await this.settingOf(await this.conversations.findById(event.conversationId));
    if (!staffLanguage || staffLanguage === visitorLanguage) return;
    const pair: LanguagePair = message.author === 'visitor' ? { from: visitorLanguage, to: staffLanguage } : { from: staffLanguage, to: visitorLanguage };
    const unavailable: MessageTranslation = { status: 'unavailable', ...pair, text: null };

    const patience = setTimeout(() => void this.record(event, unavailable).catch((error: unknown) => this.log.warn({ err: error }, 'translation mark not stored')), this.settings.patienceMs);
    try {
      const text = await this.engine.translate(message.body, pair, AbortSignal.timeout(this.settings.timeoutMs));
      await this.record(event, { status: 'translated', ...pair, text });
    } catch (error) {
      this.log.warn({ err: error, conversationId: event.conversationId, pair }, 'translation engine did not translate');
      await this.record(event, unavailable);
    } finally {
      clearTimeout(patience);
    }
  }

  /** Stores and, if that changed anything, announces the translation to whoever follows the conversation. */
  private async record(event: MessageEvent, translation: MessageTranslation): Promise<void> {
    const changed = await this.repository.store(event.conversationId, event.message.seq, translation, this.clock.now().toISOString());
    if (!changed) return;
    await this.bus.publish({
      kind: 'message-translated',
      deskId: event.deskId,
      conversationId: event.conversationId,
      assigneeId: event.assigneeId,
      participantIds: event.participantIds,
      seq: event.message.seq,
      translation,
    });
  }

  private async settingOf(conversation: Conversation): Promise<ConversationTranslation> {
    const visitorLanguage = conversation.spoken_language ?? conversation.language;
    const stored = this.engine ? await this.repository.staffLanguage(conversation.id) : null;
    const staffLanguage =
      stored === undefined ? (this.settings.autoLanguages.includes(visitorLanguage) ? this.settings.defaultStaffLanguage : null) : stored;
    return { enabled: staffLanguage !== null, staffLanguage, visitorLanguage };
  }
}
