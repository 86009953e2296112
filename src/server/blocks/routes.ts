import type { FastifyInstance } from 'fastify';
import { BLOCK_ROUTES, conversationIdSchema, type VisitorBlock } from '../../shared/protocol';
import { signedInActor } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import type { ConversationService } from '../conversations/service';
import { AppError } from '../errors';
import type { StoredBlock } from './repository';
import type { BlockService } from './service';

export interface BlockRouteOptions {
  auth: AuthService;
  blocks: BlockService;
  /**
   * Asked at request time: conversations are created after blocks (their start checks blocks), and
   * a block is made from a conversation the staff member may read.
   */
  conversations: () => Pick<ConversationService, 'findReadableForStaff'>;
}

export async function blockRoutes(app: FastifyInstance, { auth, blocks, conversations }: BlockRouteOptions): Promise<void> {
  serve(app, BLOCK_ROUTES.block, { auth }, async ({ body }, request) => {
    const actor = signedInActor(request);
    const conversationId = request.params.conversationId;
    if (!conversationIdSchema.safeParse(conversationId).success) throw new AppError('conversation_not_found');
    const conversation = await conversations().findReadableForStaff(actor, conversationId);
    return toVisitorBlock(await blocks.block(actor, conversation, body.hours, body.reason));
  });

  serve(app, BLOCK_ROUTES.list, { auth }, async (_input, request) => ({ blocks: (await blocks.list(signedInActor(request).deskId)).map(toVisitorBlock) }));

  serve(app, BLOCK_ROUTES.lift, { auth }, async (_input, request) => {
    if (!conversationIdSchema.safeParse(request.params.id).success) throw new AppError('block_not_found');
    await blocks.lift(signedInActor(request), request.params.id);
  });
}

function toVisitorBlock(block: StoredBlock): VisitorBlock {
  return { id: block.id, conversationId: block.conversation_id, createdAt: block.created_at, until: block.until, reason: block.reason, blockedBy: block.staff_name };
}
