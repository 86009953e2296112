/** The only SQL about the audit log: entries are inserted, and read newest first. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AuditAction, AuditEntry } from '../../shared/protocol';
import type { DatabaseSchema } from '../db/schema';
import type { AuditLogTable } from './tables';

/** Where a page starts: after the entry with this time and id (newest first). */
export interface AuditPosition {
  at: string;
  id: string;
}

export class AuditRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(row: Insertable<AuditLogTable>): Promise<void> {
    await this.db.insertInto('audit_log').values(row).execute();
  }

  /** Up to `limit` entries older than `before`, newest first (by time, then id). */
  async list(deskId: string, options: { before?: AuditPosition; limit: number; action?: AuditAction }): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('audit_log').selectAll().where('desk_id', '=', deskId);
    const { before } = options;
    if (before) {
      query = query.where((eb) => eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])]));
    }
    if (options.action) query = query.where('action', '=', options.action);
    const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
    return rows.map(toAuditEntry);
  }
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
