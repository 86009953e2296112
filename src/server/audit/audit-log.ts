/**
 * The audit log of staff actions: who did what to what, and when. Services record entries (never
 * routes); entries are only ever added; admins read them (routes.ts). Details are small JSON
 * objects and carry no message text.
 */
import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditEntry } from '../../shared/protocol';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { AuditPosition, AuditRepository } from './repository';

/** Who did it, as the log keeps them. */
export interface AuditActor {
  id: string;
  name: string;
}

export interface AuditRecord {
  deskId: string;
  actor: AuditActor | null;
  action: AuditAction;
  target?: { type: string; id: string };
  detail?: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

export class AuditLog {
  constructor(
    private readonly repository: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.repository.insert({
      id: randomUUID(),
      desk_id: entry.deskId,
      at: this.clock.now().toISOString(),
      actor_id: entry.actor?.id ?? null,
      actor_name: entry.actor?.name ?? null,
      action: entry.action,
      target_type: entry.target?.type ?? null,
      target_id: entry.target?.id ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    });
  }

  /** Newest first (by time, then id); `before` is the previous page's `nextBefore`. */
  async page(deskId: string, options: { before?: string; limit: number; action?: AuditAction }): Promise<AuditPage> {
    const before = options.before ? fromCursor(options.before) : undefined;
    // One more than a page tells whether there is a next one.
    const rows = await this.repository.list(deskId, { before, limit: options.limit + 1, action: options.action });
    const entries = rows.slice(0, options.limit);
    const last = entries.at(-1);
    return { entries, nextBefore: rows.length > options.limit && last ? toCursor(last) : null };
  }
}

/** The shape is checked by `auditCursorSchema`; `at` and the id cannot contain the separator. */
function toCursor(entry: Pick<AuditEntry, 'at' | 'id'>): string {
  return `${entry.at}|${entry.id}`;
}

function fromCursor(cursor: string): AuditPosition {
  const [at, id] = cursor.split('|');
  if (!at || !id) throw new AppError('validation_failed', 'before');
  return { at, id };
}
