/**
 * Outgoing messages that the server has not acknowledged yet, kept in storage so a message typed
 * offline (or before a reload) still goes out. Each carries a client id; the server de-duplicates
 * by it, so sending the same one again after a reconnect is safe and it is stored exactly once.
 *
 * Several tabs of one conversation share the storage key. Every change is therefore applied to
 * what is in storage at that moment, not to this tab's copy, so no tab overwrites another's
 * messages; and a flush sends every tab's waiting messages (the client ids make that harmless).
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
  /** Set once storage refused a write: from then on this tab's copy is the only one. */
  #memoryOnly = false;

  constructor(storage: KeyValueStorage, key: string, onChange: () => void = () => {}) {
    this.#storage = storage;
    this.#key = key;
    this.#onChange = onChange;
    this.#items = this.#read();
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
    this.#change((items) => [...items, item]);
    return item;
  }

  /** Re-sends every message still waiting for its ack; failed ones wait for the visitor's retry. */
  flush(send: SendPending): void {
    this.#refresh();
    for (const item of this.#items) if (item.status === 'sending') send(item);
  }

  /** Picks up what other tabs changed, e.g. on the storage event. */
  refresh(): void {
    this.#refresh();
  }

  ack(clientId: string): void {
    this.#remove(clientId);
  }

  fail(clientId: string, code: ErrorCode): void {
    this.#update(clientId, { status: 'failed', error: code });
  }

  /** Marks every message still waiting as failed, e.g. when the conversation closed meanwhile. */
  failWaiting(code: ErrorCode): void {
    if (!this.#items.some((item) => item.status === 'sending')) return;
    this.#change((items) =>
      items.map((item) => (item.status === 'sending' ? { ...item, status: 'failed', error: code } : item)),
    );
  }

  /** Puts a failed message back in the queue and returns it, so the caller can send it now. */
  retry(clientId: string): PendingMessage | undefined {
    if (!this.has(clientId)) return undefined;
    this.#update(clientId, { status: 'sending', error: null });
    return this.#items.find((item) => item.clientId === clientId);
  }

  discard(clientId: string): void {
    this.#remove(clientId);
  }

  #remove(clientId: string): void {
    if (!this.has(clientId)) return;
    this.#change((items) => items.filter((item) => item.clientId !== clientId));
  }

  #update(clientId: string, change: Pick<PendingMessage, 'status' | 'error'>): void {
    if (!this.has(clientId)) return;
    this.#change((items) => items.map((item) => (item.clientId === clientId ? { ...item, ...change } : item)));
  }

  /** Read, change, write: the change lands on the latest stored list, merging with other tabs. */
  #change(apply: (items: PendingMessage[]) => PendingMessage[]): void {
    this.#items = apply(this.#read());
    if (!writeJson(this.#storage, this.#key, this.#items)) this.#memoryOnly = true;
    this.#onChange();
  }

  #refresh(): void {
    const stored = this.#read();
    if (JSON.stringify(stored) === JSON.stringify(this.#items)) return;
    this.#items = stored;
    this.#onChange();
  }

  #read(): PendingMessage[] {
    if (this.#memoryOnly) return this.#items;
    const stored = z.array(pendingMessageSchema).safeParse(readJson(this.#storage, this.#key));
    return stored.success ? stored.data : [];
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
