/**
 * Files on their way out, for one conversation. Each upload has a client id from the start, so a
 * retry after a lost answer is stored once (the server answers with the message it already has).
 * Files cannot be kept across a reload (localStorage holds text), so this lives in memory.
 * XMLHttpRequest rather than fetch: it reports upload progress, which matters on a slow line.
 */
import { fileUploadResponseSchema, uploadTypes, type FileType, type Message } from '../../../shared/protocol';
import { ApiError, problemCode, type ApiErrorCode } from '../api';
import { newClientId } from '../outbox';
import type { FileEndpoints } from './endpoints';

export interface FileLimits {
  maxBytes: number;
  types: readonly FileType[];
  perConversation: number;
}

export interface PendingUpload {
  clientId: string;
  name: string;
  size: number;
  /** Share of the bytes sent, 0…1. */
  progress: number;
  /** `checking`: stored, waiting for the virus scanner; it appears in the chat once found clean. */
  status: 'sending' | 'failed' | 'checking';
  error: ApiErrorCode | null;
}

/** What the browser can refuse before sending a byte; the server decides by content anyway. */
export function checkFile(file: File, limits: FileLimits): ApiErrorCode | null {
  if (file.size > limits.maxBytes) return 'file_too_large';
  if (file.type && !uploadTypes(limits.types).includes(file.type)) return 'file_type_not_allowed';
  return null;
}

/** Refusals a later attempt may overcome; any other (type, size, a damaged file, a quota) would fail again. */
const PASSING: ReadonlySet<ApiErrorCode> = new Set<ApiErrorCode>(['network', 'busy', 'rate_limited', 'internal_error', 'storage_full']);

export function worthRetrying(code: ApiErrorCode): boolean {
  return PASSING.has(code);
}

export class Uploads {
  #items: readonly PendingUpload[] = [];
  readonly #files = new Map<string, File>();
  readonly #listeners = new Set<() => void>();

  constructor(
    private readonly endpoints: FileEndpoints,
    private readonly limits: FileLimits,
    /** The stored message, to show at once (its copy over the socket may come later). */
    private readonly onStored: (message: Message) => void,
  ) {}

  get items(): readonly PendingUpload[] {
    return this.#items;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  add(file: File): void {
    const clientId = newClientId();
    this.#files.set(clientId, file);
    const refused = checkFile(file, this.limits);
    this.#set([...this.#items, { clientId, name: file.name, size: file.size, progress: 0, status: refused ? 'failed' : 'sending', error: refused }]);
    if (!refused) this.#send(clientId, file);
  }

  retry(clientId: string): void {
    const file = this.#files.get(clientId);
    const item = this.#items.find((candidate) => candidate.clientId === clientId);
    if (!file || (item?.error && !worthRetrying(item.error))) return;
    this.#change(clientId, { status: 'sending', progress: 0, error: null });
    this.#send(clientId, file);
  }

  discard(clientId: string): void {
    this.#files.delete(clientId);
    this.#set(this.#items.filter((item) => item.clientId !== clientId));
  }

  #send(clientId: string, file: File): void {
    upload(this.endpoints, file, clientId, (progress) => this.#change(clientId, { progress })).then(
      (stored) => {
        if (stored === 'pending') return this.#change(clientId, { status: 'checking', progress: 1 });
        this.onStored(stored);
        this.discard(clientId);
      },
      (error: unknown) => this.#change(clientId, { status: 'failed', error: error instanceof ApiError ? error.code : 'internal_error' }),
    );
  }

  #change(clientId: string, change: Partial<PendingUpload>): void {
    this.#set(this.#items.map((item) => (item.clientId === clientId ? { ...item, ...change } : item)));
  }

  #set(items: readonly PendingUpload[]): void {
    this.#items = items;
    for (const listener of this.#listeners) listener();
  }
}

function upload(endpoints: FileEndpoints, file: File, clientId: string, onProgress: (share: number) => void): Promise<Message | 'pending'> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', endpoints.uploadUrl);
    for (const [name, value] of Object.entries(endpoints.headers)) request.setRequestHeader(name, value);
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status < 200 || request.status >= 300) return reject(new ApiError(problemCode(request.response), request.status));
      const body = fileUploadResponseSchema.safeParse(request.response);
      if (body.success) resolve('message' in body.data ? body.data.message : 'pending');
      else reject(new ApiError('internal_error', request.status));
    };
    request.onerror = () => reject(new ApiError('network', 0));
    const form = new FormData();
    form.append('clientId', clientId);
    form.append('file', file, file.name);
    request.send(form);
  });
}
