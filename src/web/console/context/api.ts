import { VISITOR_CONTEXT_ROUTES, type VisitorContext } from '../../../shared/protocol';
import { api } from '../../common/api';

export function fetchVisitorContext(conversationId: string): Promise<VisitorContext> {
  return api(VISITOR_CONTEXT_ROUTES.get, { params: { id: conversationId } });
}
