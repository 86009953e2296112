/**
 * Staff accounts from /admin: create, change the profile (role, languages, topics, capacity,
 * interpreted languages), deactivate (every session ends at once, on every instance) and reset
 * a password. An admin cannot lock themselves out. Every change is audited, never with a password.
 */
import type { CreateStaffRequest, StaffAccount, UpdateStaffRequest } from '../../shared/protocol';
import type { AuditLog } from '../audit/audit-log';
import type { StaffUserRow } from '../auth/repository';
import { toStaffUser, type AuthService } from '../auth/service';
import { AppError } from '../errors';
import type { Bus } from '../realtime/bus';
import type { TopicService } from '../topics/service';
import type { StaffAccountRepository, StaffProfileChange } from './repository';

export function toStaffAccount(row: StaffUserRow): StaffAccount {
  return { ...toStaffUser(row), active: row.active === 1, createdAt: row.created_at };
}

export interface StaffUpdate {
  account: StaffAccount;
  /** The fields that changed value. */
  changed: string[];
}

export class StaffAdminService {
  constructor(
    private readonly repository: StaffAccountRepository,
    private readonly auth: AuthService,
    private readonly topics: TopicService,
    private readonly bus: Bus,
    private readonly audit: Pick<AuditLog, 'record'>,
  ) {}

  async list(deskId: string): Promise<StaffAccount[]> {
    return (await this.repository.list(deskId)).map(toStaffAccount);
  }

  async create(admin: StaffUserRow, request: CreateStaffRequest): Promise<StaffAccount> {
    const deskId = admin.desk_id;
    if (await this.auth.findUserByEmail(request.email)) throw new AppError('email_taken');
    await this.assertKnownTopics(deskId, request.topics);
    const account = toStaffAccount(await this.auth.addUser({ deskId, ...request }));
    await this.audit.record({
      deskId,
      actor: admin,
      action: 'staff.created',
      target: staffTarget(account.id),
      detail: { role: account.role, languages: account.languages },
    });
    return account;
  }

  async update(admin: StaffUserRow, id: string, request: UpdateStaffRequest): Promise<StaffUpdate> {
    const before = await this.mustFind(admin.desk_id, id);
    if (id === admin.id && (request.active === false || (request.role && request.role !== 'admin'))) throw new AppError('own_account');
    if (request.topics) await this.assertKnownTopics(admin.desk_id, request.topics);
    const change: StaffProfileChange = {
      ...(request.name !== undefined && { name: request.name }),
      ...(request.role !== undefined && { role: request.role }),
      ...(request.languages !== undefined && { languages: request.languages.join(',') }),
      ...(request.topics !== undefined && { topics: request.topics.join(',') }),
      ...(request.maxConcurrent !== undefined && { max_concurrent: request.maxConcurrent }),
      ...(request.interpreterLanguages !== undefined && { interpreter_languages: request.interpreterLanguages.join(',') }),
      ...(request.active !== undefined && { active: request.active ? 1 : 0 }),
    };
    const changed = (Object.keys(change) as (keyof StaffProfileChange)[]).filter((key) => change[key] !== before[key]);
    await this.repository.update(id, change);
    if (change.active === 0 && before.active === 1) await this.bus.publish({ kind: 'sessions-ended', userId: id, sessionHash: null });
    const account = toStaffAccount(await this.mustFind(admin.desk_id, id));
    await this.recordUpdate(admin, account, changed);
    return { account, changed };
  }

  /** Sets a new password and ends every session of that person. */
  async resetPassword(admin: StaffUserRow, id: string, password: string): Promise<void> {
    await this.mustFind(admin.desk_id, id);
    await this.auth.setPassword(id, password);
    await this.audit.record({ deskId: admin.desk_id, actor: admin, action: 'staff.password_reset', target: staffTarget(id) });
  }

  /** A deactivation is its own entry; the other changed fields (a reactivation among them) are one 'staff.updated'. */
  private async recordUpdate(admin: StaffUserRow, account: StaffAccount, changed: string[]): Promise<void> {
    const target = staffTarget(account.id);
    if (changed.includes('active') && !account.active) {
      await this.audit.record({ deskId: admin.desk_id, actor: admin, action: 'staff.deactivated', target });
    }
    const fields = changed.filter((field) => field !== 'active' || account.active);
    if (fields.length) await this.audit.record({ deskId: admin.desk_id, actor: admin, action: 'staff.updated', target, detail: { fields } });
  }

  private async mustFind(deskId: string, id: string): Promise<StaffUserRow> {
    const row = await this.repository.find(deskId, id);
    if (!row) throw new AppError('staff_not_found');
    return row;
  }

  private async assertKnownTopics(deskId: string, ids: readonly string[]): Promise<void> {
    const known = new Set((await this.topics.list(deskId)).map((topic) => topic.id));
    if (ids.some((id) => !known.has(id))) throw new AppError('validation_failed', 'topics');
  }
}

function staffTarget(id: string) {
  return { type: 'staff', id };
}
