/**
 * The audit log of staff actions: who did what to what, and when. Services record entries (never
 * routes); entries are only ever added; admins read them (routes.ts). Details are small JSON
 * objects and carry no message text.
 */
import { randomUUID } from 'node:crypto';
import type { UiLanguage } from '../../shared/languages';
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
  /** Today's names of the targets and colleagues the entries mention, by id, as far as known. */
  names: Record<string, string>;
}

/** Names the entries' targets of one type, by id, read from the module that owns them (in `language` where names have one). */
export type AuditNamer = (deskId: string, ids: readonly string[], language: UiLanguage | undefined) => Promise<Map<string, string>>;

/** The detail fields that hold a colleague's id (transfers, reassignments, take-overs). */
const STAFF_DETAIL_FIELDS = ['to', 'from'] as const;

export class AuditLog {
  private readonly namers = new Map<string, AuditNamer>();

  constructor(
    private readonly repository: AuditRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * A module created after this one names the targets it owns (the log stores ids only), so
   * /admin reads "Anna Nowak reset the password of Olena Kowalczyk", not an id.
   */
  nameTargets(type: string, namer: AuditNamer): void {
    this.namers.set(type, namer);
  }

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
  async page(deskId: string, options: { before?: string; limit: number; action?: AuditAction; lang?: UiLanguage }): Promise<AuditPage> {
    const before = options.before ? fromCursor(options.before) : undefined;
    // One more than a page tells whether there is a next one.
    const rows = await this.repository.list(deskId, { before, limit: options.limit + 1, action: options.action });
    const entries = rows.slice(0, options.limit);
    const last = entries.at(-1);
    return { entries, nextBefore: rows.length > options.limit && last ? toCursor(last) : null, names: await this.names(deskId, entries, options.lang) };
  }

  private async names(deskId: string, entries: readonly AuditEntry[], language: UiLanguage | undefined): Promise<Record<string, string>> {
    const idsByType = new Map<string, Set<string>>();
    const mention = (type: string, id: unknown) => {
      if (typeof id !== 'string') return;
      idsByType.set(type, (idsByType.get(type) ?? new Set()).add(id));
    };
    for (const entry of entries) {
      if (entry.target) mention(entry.target.type, entry.target.id);
      for (const field of STAFF_DETAIL_FIELDS) mention('staff', entry.detail?.[field]);
    }
    const names: Record<string, string> = {};
    for (const [type, ids] of idsByType) {
      const namer = this.namers.get(type);
      if (!namer) continue;
      for (const [id, name] of await namer(deskId, [...ids], language)) names[id] = name;
    }
    return names;
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
