import * as z from 'zod/mini';
import { cannedAnswerListSchema, cannedAnswerSchema, type CannedAnswer, type CannedAnswerRequest } from '../../../shared/protocol';
import { postJson, requestJson } from '../../common/api';

/** The shared set and this consultant's own answers, in every language. */
export async function fetchCannedAnswers(): Promise<CannedAnswer[]> {
  return (await requestJson('/api/canned-answers', cannedAnswerListSchema)).answers;
}

export function createCannedAnswer(request: CannedAnswerRequest): Promise<CannedAnswer> {
  return requestJson('/api/canned-answers', cannedAnswerSchema, postJson(request));
}

export async function deleteCannedAnswer(id: string): Promise<void> {
  // 204: no body, which the reader sees as null.
  await requestJson(`/api/canned-answers/${encodeURIComponent(id)}`, z.null(), { method: 'DELETE' });
}
