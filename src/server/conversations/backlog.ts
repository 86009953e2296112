/**
 * A conversation's log as a resuming client receives it: in pages (`history` frames), each read
 * only when the one before has gone out, so a backlog of any size reaches a reader of any speed
 * with bounded frames and bounded memory.
 */
import type { ConversationSummary, ServerFrame } from '../../shared/protocol';
import type { ResumePoint, StaffActor } from '../module';
import { AppError } from '../errors';
import { isFollowedBy } from './followers';
import { toMessage, toVisitorMessage, toVisitorView } from './mappers';
import type { ConversationService } from './service';
import type { ConversationMessage } from './types';

export type Audience = 'visitor' | 'staff';

function forAudience(audience: Audience): (row: ConversationMessage) => ReturnType<typeof toMessage> {
  return audience === 'visitor' ? (row) => toVisitorMessage(toMessage(row)) : toMessage;
}

/**
 * The pages after `afterSeq` as `history` frames. A staff client gets at least one (maybe empty):
 * it is how the console learns it holds the conversation's history.
 */
export async function* historyPages(
  conversations: ConversationService,
  conversationId: string,
  afterSeq: number,
  audience: Audience,
): AsyncGenerator<Extract<ServerFrame, { type: 'history' }>> {
  const map = forAudience(audience);
  let after = afterSeq;
  for (let first = true; ; first = false) {
    const page = await conversations.messagePage(conversationId, after);
    if (page.messages.length > 0 || (first && audience === 'staff')) {
      yield { type: 'history', conversationId, messages: page.messages.map(map) };
    }
    const last = page.messages.at(-1);
    if (!page.more || !last) return;
    after = last.seq;
  }
}

/** The welcome with the first page of what the visitor missed, and the pages that follow it. */
export async function visitorWelcome(conversations: ConversationService, conversationId: string, lastSeq: number) {
  const [conversation, first] = await Promise.all([conversations.findById(conversationId), conversations.messagePage(conversationId, lastSeq)]);
  const map = forAudience('visitor');
  const welcome = { type: 'welcome.visitor' as const, conversation: toVisitorView(conversation), missed: first.messages.map(map) };
  const last = first.messages.at(-1);
  const rest: AsyncIterable<ServerFrame> = first.more && last ? historyPages(conversations, conversationId, last.seq, 'visitor') : noPages();
  return { welcome, rest };
}

async function* noPages(): AsyncGenerator<ServerFrame> {}

/**
 * A resuming staff socket's history, conversation after conversation: every open one it follows
 * in `listed`, then the ones it held that closed while it was away.
 */
export async function* staffBacklog(
  conversations: ConversationService,
  actor: StaffActor,
  listed: ConversationSummary[],
  resume: ResumePoint[],
): AsyncGenerator<ServerFrame> {
  const from = new Map(resume.map((point) => [point.conversationId, point.lastSeq]));
  const listedIds = new Set(listed.map((conversation) => conversation.id));
  const follows = (c: ConversationSummary) => c.assignee?.id === actor.id || (c.participants ?? []).some((p) => p.id === actor.id);
  for (const conversation of listed) {
    if (conversation.status !== 'active' || !follows(conversation)) continue;
    yield* historyPages(conversations, conversation.id, from.get(conversation.id) ?? 0, 'staff');
  }
  for (const [conversationId, lastSeq] of from) {
    if (listedIds.has(conversationId) || !(await followedClosed(conversations, actor, conversationId))) continue;
    yield* historyPages(conversations, conversationId, lastSeq, 'staff');
  }
}

async function followedClosed(conversations: ConversationService, actor: StaffActor, conversationId: string): Promise<boolean> {
  try {
    return isFollowedBy(await conversations.findForStaff(actor, conversationId), actor.id);
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}
