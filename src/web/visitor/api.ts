import type { UiLanguage } from '../../shared/languages';
import {
  CONVERSATION_ROUTES,
  DESK_INFO_ELEMENT_ID,
  DESK_ROUTES,
  type DeskInfo,
  type StartConversationRequest,
  type StartConversationResponse,
} from '../../shared/desk-protocol';
import { api, bearer, pathOf, requestFile, saveFile } from '../common/api';

export function fetchDesk(): Promise<DeskInfo> {
  return api(DESK_ROUTES.info);
}

/** The desk info the server wrote into the page (a round trip fewer on a slow line), else from the API. */
export function initialDesk(): Promise<DeskInfo> {
  const inline = document.getElementById(DESK_INFO_ELEMENT_ID);
  inline?.remove();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(inline?.textContent ?? 'null');
  } catch {
    // a page that is not ours as built: ask the API
  }
  const checked = DESK_ROUTES.info.response.safeParse(parsed);
  return checked.success ? Promise.resolve(checked.data) : fetchDesk();
}

/** Erases a finished conversation's token on the server too, so no copy of it opens the conversation again. */
export function forgetConversation(token: string): Promise<void> {
  return api(CONVERSATION_ROUTES.forget, { token });
}

export function startConversation(request: StartConversationRequest): Promise<StartConversationResponse> {
  return api(CONVERSATION_ROUTES.start, { body: request });
}

/** The transcript as plain text or as a PDF, saved under the server's file name. */
export async function downloadTranscript(token: string, language: UiLanguage, format: 'txt' | 'pdf', fallbackName: string): Promise<void> {
  const route = format === 'pdf' ? CONVERSATION_ROUTES.transcriptPdf : CONVERSATION_ROUTES.transcript;
  const { blob, filename } = await requestFile(pathOf(route, {}, { lang: language }), { headers: bearer(token) });
  saveFile(blob, filename ?? `${fallbackName}.${format}`);
}
