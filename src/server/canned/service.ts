/**
 * Canned answers: every consultant keeps a personal set; the desk's shared set is edited by admins
 * only, and each change to it is audited. Search is done here rather than in SQL so that case is
 * folded the same way for Polish and Cyrillic letters on SQLite and PostgreSQL (and in the browser).
 */
import { randomUUID } from 'node:crypto';
import type { CannedAnswerRequest, CannedAnswerUpdate, CannedScope } from '../../shared/protocol';
import { matchesAllWords, searchWords } from '../../shared/search';
import type { AuditLog } from '../audit/audit-log';
import type { StaffMember } from '../staff/types';
import { hasRole } from '../auth/roles';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { CannedAnswerRepository } from './repository';
import type { StoredCannedAnswer } from './types';

export interface CannedAnswerFilter {
  language?: string;
  scope?: CannedScope;
  q?: string;
}

type Operation = 'created' | 'updated' | 'deleted';

export class CannedAnswerService {
  constructor(
    private readonly repository: CannedAnswerRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async list(staff: StaffMember, filter: CannedAnswerFilter): Promise<StoredCannedAnswer[]> {
    const shared = filter.scope === undefined ? undefined : filter.scope === 'shared';
    const rows = await this.repository.listVisibleTo(staff.desk_id, staff.id, { language: filter.language, shared });
    const words = searchWords(filter.q ?? '');
    return words.length === 0 ? rows : rows.filter((row) => matchesAllWords(words, row.title, row.body));
  }

  async create(staff: StaffMember, request: CannedAnswerRequest): Promise<StoredCannedAnswer> {
    if (request.scope === 'shared') assertMayEditShared(staff);
    const now = this.clock.now().toISOString();
    const row: StoredCannedAnswer = {
      id: randomUUID(),
      desk_id: staff.desk_id,
      owner_id: request.scope === 'shared' ? null : staff.id,
      language: request.language,
      title: request.title,
      body: request.body,
      created_at: now,
      updated_at: now,
    };
    await this.repository.insert(row);
    await this.recordIfShared(staff, row, 'created');
    return row;
  }

  async update(staff: StaffMember, id: string, change: CannedAnswerUpdate): Promise<StoredCannedAnswer> {
    const existing = await this.editable(staff, id);
    const updated = { ...change, updated_at: this.clock.now().toISOString() };
    if (!(await this.repository.update(id, updated))) throw new AppError('canned_answer_not_found');
    const row = { ...existing, ...updated };
    await this.recordIfShared(staff, row, 'updated');
    return row;
  }

  async delete(staff: StaffMember, id: string): Promise<void> {
    const existing = await this.editable(staff, id);
    if (!(await this.repository.delete(id))) throw new AppError('canned_answer_not_found');
    await this.recordIfShared(staff, existing, 'deleted');
  }

  /** Another consultant's personal answer does not exist for this one; a shared one is read-only. */
  private async editable(staff: StaffMember, id: string): Promise<StoredCannedAnswer> {
    const existing = await this.repository.findVisibleTo(staff.desk_id, staff.id, id);
    if (!existing) throw new AppError('canned_answer_not_found');
    if (existing.owner_id === null) assertMayEditShared(staff);
    return existing;
  }

  private async recordIfShared(staff: StaffMember, row: StoredCannedAnswer, operation: Operation): Promise<void> {
    if (row.owner_id !== null) return;
    await this.audit.record({
      deskId: staff.desk_id,
      actor: { id: staff.id, name: staff.name },
      action: 'canned.changed',
      target: { type: 'canned_answer', id: row.id },
      detail: { operation, language: row.language, title: row.title },
    });
  }
}

function assertMayEditShared(staff: StaffMember): void {
  if (!hasRole(staff.role, 'admin')) throw new AppError('forbidden');
}
