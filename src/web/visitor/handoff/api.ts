import { HANDOFF_ROUTES, type CaseCodeResponse, type ClaimCaseRequest } from '../../../shared/wire/handoff';
import type { StartConversationResponse } from '../../../shared/desk-protocol';
import { api } from '../../common/api';

export function issueCaseCode(token: string): Promise<CaseCodeResponse> {
  return api(HANDOFF_ROUTES.issue, { token });
}

export function claimCase(request: ClaimCaseRequest): Promise<StartConversationResponse> {
  return api(HANDOFF_ROUTES.claim, { body: request });
}
