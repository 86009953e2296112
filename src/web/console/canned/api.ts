import { CANNED_ROUTES, type CannedAnswer, type CannedAnswerRequest } from '../../../shared/protocol';
import { api } from '../../common/api';

/** The shared set and this consultant's own answers, in every language. */
export async function fetchCannedAnswers(): Promise<CannedAnswer[]> {
  return (await api(CANNED_ROUTES.list)).answers;
}

export function createCannedAnswer(request: CannedAnswerRequest): Promise<CannedAnswer> {
  return api(CANNED_ROUTES.create, { body: request });
}

export async function deleteCannedAnswer(id: string): Promise<void> {
  await api(CANNED_ROUTES.remove, { params: { id } });
}
