/**
 * What the console shows about the visitor beside a conversation: language, topic, their local
 * time zone, how long they waited, and — only when they ticked "remember this device" — their
 * earlier conversations from the same browser (matched by the hash of a random device id).
 */
import type { VisitorContext } from '../../shared/protocol';
import type { UiLanguage } from '../../shared/languages';
import type { ConversationService } from '../conversations/service';
import type { VisitorContextRepository } from './repository';
import type { StaffActor } from '../actor';

export class VisitorContextService {
  constructor(
    private readonly repository: VisitorContextRepository,
    private readonly conversations: Pick<ConversationService, 'findReadableForStaff'>,
  ) {}

  async forConversation(actor: StaffActor, conversationId: string): Promise<VisitorContext> {
    const conversation = await this.conversations.findReadableForStaff(actor, conversationId);
    return {
      conversationId: conversation.id,
      language: conversation.language as UiLanguage,
      topic: conversation.topic,
      visitorTimeZone: conversation.visitor_time_zone,
      startedAt: conversation.created_at,
      assignedAt: conversation.assigned_at,
      earlierConversations: conversation.device_hash
        ? await this.repository.earlierFromDevice(conversation.desk_id, conversation.device_hash, conversation.created_at)
        : null,
    };
  }
}
