import { visitorContextSchema, type VisitorContext } from '../../../shared/protocol';
import { requestJson } from '../../common/api';

export function fetchVisitorContext(conversationId: string): Promise<VisitorContext> {
  return requestJson(`/api/conversations/${encodeURIComponent(conversationId)}/context`, visitorContextSchema);
}
