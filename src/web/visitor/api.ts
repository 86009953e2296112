import type { UiLanguage } from '../../shared/languages';
import {
  deskInfoSchema,
  startConversationResponseSchema,
  type DeskInfo,
  type StartConversationRequest,
  type StartConversationResponse,
} from '../../shared/desk-protocol';
import { bearer, postJson, requestFile, requestJson, saveFile } from '../common/api';

export function fetchDesk(): Promise<DeskInfo> {
  return requestJson('/api/desk', deskInfoSchema);
}

export function startConversation(request: StartConversationRequest): Promise<StartConversationResponse> {
  return requestJson('/api/conversations', startConversationResponseSchema, postJson(request));
}

export async function downloadTranscript(token: string, language: UiLanguage, fallbackName: string): Promise<void> {
  const path = `/api/conversations/current/transcript?lang=${encodeURIComponent(language)}`;
  const { blob, filename } = await requestFile(path, { headers: bearer(token) });
  saveFile(blob, filename ?? `${fallbackName}.txt`);
}
