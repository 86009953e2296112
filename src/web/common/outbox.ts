/**
 * Outgoing messages that the server has not acknowledged yet, kept in storage so a message typed
 * offline (or before a reload) still goes out. Each carries a client id; the server de-duplicates
 * by it, so sending the same one again after a reconnect is safe and it is stored exactly once.
 */
import * as z from 'zod/mini';
import { ERROR_CODES, type ErrorCode } from '../../shared/errors';
import { readJson, writeJson, type KeyValueStorage } from './storage';

const pendingMessageSchema = z.object({
  clientId: z.string(),
  body: z.string(),
  status: z.enum(['sending', 'failed']),
  /** Why the server refused it, when status is 'failed'. */
  error: z.nullable(z.enum(ERROR_CODES)),
  createdAt: z.string(),
});
export type PendingMessage = z.infer<typeof pendingMessageSchema>;

/** Hands one message to the connection; returns false when it cannot go out right now. */
export type SendPending = (message: PendingMessage) => boolean;

export class Outbox {
  readonly #storage: KeyValueStorage;
  readonly #key: string;
  readonly #onChange: () => void;
  #items: PendingMessage[];

  constructor(storage: KeyValueStorage, key: string, onChange: () => void = () => {}) {
    this.#storage = storage;
    this.#key = key;
    this.#onChange = onChange;
    const stored = z.array(pendingMessageSchema).safeParse(readJson(storage, key));
    this.#items = stored.success ? stored.data : [];
  }

  get items(): readonly PendingMessage[] {
    return this.#items;
  }

  has(clientId: string): boolean {
    return this.#items.some((item) => item.clientId === clientId);
  }

  add(body: string, now = new Date()): PendingMessage {
    const item: PendingMessage = {
      clientId: newClientId(),
      body,
      status: 'sending',
      error: null,
      createdAt: now.toISOString(),
    };
    this.#commit([...this.#items, item]);
    return item;
  }

  /** Re-sends every message still waiting for its ack; failed ones wait for the visitor's retry. */
  flush(send: SendPending): void {
    for (const item of this.#items) if (item.status === 'sending') send(item);
  }

  ack(clientId: string): void {
    this.#remove(clientId);
  }

  fail(clientId: string, code: ErrorCode): void {
    this.#update(clientId, { status: 'failed', error: code });
  }

  /** Puts a failed message back in the queue and returns it, so the caller can send it now. */
  retry(clientId: string): PendingMessage | undefined {
    this.#update(clientId, { status: 'sending', error: null });
    return this.#items.find((item) => item.clientId === clientId);
  }

  discard(clientId: string): void {
    this.#remove(clientId);
  }

  #remove(clientId: string): void {
    if (this.has(clientId)) this.#commit(this.#items.filter((item) => item.clientId !== clientId));
  }

  #update(clientId: string, change: Pick<PendingMessage, 'status' | 'error'>): void {
    if (!this.has(clientId)) return;
    this.#commit(this.#items.map((item) => (item.clientId === clientId ? { ...item, ...change } : item)));
  }

  #commit(items: PendingMessage[]): void {
    this.#items = items;
    writeJson(this.#storage, this.#key, items);
    this.#onChange();
  }
}

/** crypto.randomUUID exists only in secure contexts; getRandomValues works everywhere. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
