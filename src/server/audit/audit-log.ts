/**
 * The audit log of staff actions: who did what to what, and when. Entries are only ever added;
 * admins read them (routes.ts). Details are small JSON objects and carry no message text.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AuditAction, AuditEntry } from '../../shared/protocol';
import type { Clock } from '../clock';
import type { DatabaseSchema } from '../db/schema';
import { AppError } from '../errors';
import type { AuditLogTable } from './tables';

export interface AuditRecord {
  deskId: string;
  actor: { id: string; name: string } | null;
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
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: randomUUID(),
        desk_id: entry.deskId,
        at: this.clock.now().toISOString(),
        actor_id: entry.actor?.id ?? null,
        actor_name: entry.actor?.name ?? null,
        action: entry.action,
        target_type: entry.target?.type ?? null,
        target_id: entry.target?.id ?? null,
        detail: entry.detail ? JSON.stringify(entry.detail) : null,
      })
      .execute();
  }

  /** Newest first (by time, then id); `before` is the previous page's `nextBefore`. */
  async page(deskId: string, options: { before?: string; limit: number; action?: AuditAction }): Promise<AuditPage> {
    let query = this.db.selectFrom('audit_log').selectAll().where('desk_id', '=', deskId);
    if (options.before) {
      const { at, id } = fromCursor(options.before);
      query = query.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]));
    }
    if (options.action) query = query.where('action', '=', options.action);
    const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(options.limit + 1).execute();
    const entries = rows.slice(0, options.limit).map(toAuditEntry);
    const last = entries.at(-1);
    return { entries, nextBefore: rows.length > options.limit && last ? toCursor(last) : null };
  }
}

/** The shape is checked by `auditCursorSchema`; `at` and the id cannot contain the separator. */
function toCursor(entry: Pick<AuditEntry, 'at' | 'id'>): string {
  return `${entry.at}|${entry.id}`;
}

function fromCursor(cursor: string): { at: string; id: string } {
  const [at, id] = cursor.split('|');
  if (!at || !id) throw new AppError('validation_failed', 'before');
  return { at, id };
}

function toAuditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
    action: row.action as AuditAction,
    target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id } : null,
    detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null,
  };
}
