/**
 * Internal notes: staff of the desk write them inside a conversation for each other. They are
 * stored apart from the messages and published as their own event kind, which the hub delivers to
 * staff sockets only; the visitor's paths (messages, welcome backlog, transcript) never read them.
 */
import { randomUUID } from 'node:crypto';
import type { Note } from '../../shared/protocol';
import type { Clock } from '../clock';
import type { ConversationService } from '../conversations/service';
import { AppError } from '../errors';
import { followerIds } from '../conversations/followers';
import type { Bus } from '../events/bus';
import type { NoteRepository } from './repository';
import type { StaffActor } from '../actor';

export class NoteService {
  constructor(
    private readonly repository: NoteRepository,
    private readonly conversations: Pick<ConversationService, 'findReadableForStaff'>,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly maxLength: number,
  ) {}

  async add(actor: StaffActor, conversationId: string, body: string): Promise<Note> {
    const text = body.trim();
    if (!text) throw new AppError('empty_message');
    if (text.length > this.maxLength) throw new AppError('message_too_long');
    const conversation = await this.conversations.findReadableForStaff(actor, conversationId);
    const note: Note = {
      id: randomUUID(),
      conversationId: conversation.id,
      author: { id: actor.id, name: actor.name },
      body: text,
      createdAt: this.clock.now().toISOString(),
    };
    await this.repository.insert(note);
    await this.bus.publish({ kind: 'note', deskId: actor.deskId, staffIds: followerIds(conversation, [actor.id]), note });
    return note;
  }

  async list(actor: StaffActor, conversationId: string): Promise<Note[]> {
    const conversation = await this.conversations.findReadableForStaff(actor, conversationId);
    return this.repository.listForConversation(conversation.id);
  }
}
