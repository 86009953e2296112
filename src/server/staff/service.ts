/**
 * Staff members. From /admin: create, change the profile (role, languages, topics, capacity,
 * interpreted languages), deactivate (every session ends at once, on every instance) and reset
 * a password; an admin cannot lock themselves out; every change is audited, never with a
 * password. For other domains: an active colleague, the interpreters on duty, everyone's load.
 */
import type { Colleague, CreateStaffRequest, StaffAccount, StaffPresence, UpdateStaffRequest } from '../../shared/protocol';
import type { AuditLog } from '../audit/audit-log';
import type { StaffAvailability } from '../auth/roles';
import { toStaffUser, type AuthService } from '../auth/service';
import { AppError } from '../errors';
import type { Bus } from '../events/bus';
import type { TopicService } from '../topics/service';
import type { StaffProfileChange, StaffRepository } from './repository';
import type { ActiveStaffMember, AvailableStaffMember, Interpreter, StaffMember } from './types';

export function toStaffAccount(row: StaffMember): StaffAccount {
  return { ...toStaffUser(row), active: row.active === 1, createdAt: row.created_at };
}

export class StaffService {
  constructor(
    private readonly repository: StaffRepository,
    private readonly auth: AuthService,
    private readonly topics: TopicService,
    private readonly bus: Bus,
    private readonly audit: Pick<AuditLog, 'record'>,
  ) {}

  async list(deskId: string): Promise<StaffAccount[]> {
    return (await this.repository.list(deskId)).map(toStaffAccount);
  }

  async create(admin: StaffMember, request: CreateStaffRequest): Promise<StaffAccount> {
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

  async update(admin: StaffMember, id: string, request: UpdateStaffRequest): Promise<StaffAccount> {
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
    return account;
  }

  /** Sets a new password and ends every session of that person. */
  async resetPassword(admin: StaffMember, id: string, password: string): Promise<void> {
    await this.mustFind(admin.desk_id, id);
    await this.auth.setPassword(id, password);
    await this.audit.record({ deskId: admin.desk_id, actor: admin, action: 'staff.password_reset', target: staffTarget(id) });
  }

  /** A deactivation is its own entry; the other changed fields (a reactivation among them) are one 'staff.updated'. */
  private async recordUpdate(admin: StaffMember, account: StaffAccount, changed: string[]): Promise<void> {
    const target = staffTarget(account.id);
    if (changed.includes('active') && !account.active) {
      await this.audit.record({ deskId: admin.desk_id, actor: admin, action: 'staff.deactivated', target });
    }
    const fields = changed.filter((field) => field !== 'active' || account.active);
    if (fields.length) await this.audit.record({ deskId: admin.desk_id, actor: admin, action: 'staff.updated', target, detail: { fields } });
  }

  /** The names of these accounts, deactivated ones too. */
  async names(deskId: string, ids: readonly string[]): Promise<Map<string, string>> {
    return this.repository.names(deskId, ids);
  }

  /** The staff member if they are active on the desk; the role is read anew, so a demotion applies at once. */
  async findActive(deskId: string, staffId: string): Promise<ActiveStaffMember | undefined> {
    return this.repository.findActive(deskId, staffId);
  }

  /** Sets the availability if it differs (or, with `onlyFrom`, only from that state); true if it changed. */
  setAvailability(staffId: string, availability: StaffAvailability, at: string, onlyFrom?: StaffAvailability): Promise<boolean> {
    return this.repository.setAvailability(staffId, availability, at, onlyFrom);
  }

  /** Name, availability and languages, as colleagues see them. */
  presence(staffId: string): Promise<StaffPresence | undefined> {
    return this.repository.presence(staffId);
  }

  /** Every active staff member's presence, by name. */
  presenceOfDesk(deskId: string): Promise<StaffPresence[]> {
    return this.repository.presenceOfDesk(deskId);
  }

  /** Those of `staffIds` who are active on the desk and available, with what routing weighs, by name. */
  availableAmong(deskId: string, staffIds: readonly string[]): Promise<AvailableStaffMember[]> {
    return this.repository.availableAmong(deskId, staffIds);
  }

  /** Active, available staff of the desk who interpret, by name. */
  async availableInterpreters(deskId: string): Promise<Interpreter[]> {
    return this.repository.availableInterpreters(deskId);
  }

  /** One entry per active staff member of the desk: the languages they speak. */
  activeLanguages(deskId: string): Promise<string[][]> {
    return this.repository.activeLanguages(deskId);
  }

  /** Active colleagues with their availability and load (active conversations), by name. */
  async colleagues(deskId: string): Promise<Colleague[]> {
    return this.repository.withLoad(deskId);
  }

  private async mustFind(deskId: string, id: string): Promise<StaffMember> {
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
