/**
 * The office's call settings: whether a visitor may start a call. The configuration's
 * CALLS_VISITOR_MAY_START holds until an admin saves the switch in /admin; changes are audited.
 */
import { callPolicySchema, type CallPolicy, type CallPolicyPatch } from '../../shared/protocol';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { CallRepository } from './repository';

export class CallPolicyService {
  constructor(
    private readonly repository: Pick<CallRepository, 'findSettings' | 'saveSettings'>,
    private readonly defaults: CallPolicy,
    private readonly audit: Pick<AuditLog, 'record'>,
    private readonly clock: Clock,
  ) {}

  async settings(deskId: string): Promise<CallPolicy> {
    const row = await this.repository.findSettings(deskId);
    return row ? { visitorMayStart: row.visitor_may_start === 1 } : this.defaults;
  }

  /** Saves a change (audited as settings.changed); the next call.start on any instance obeys it. */
  async update(actor: { id: string; name: string; deskId: string }, patch: CallPolicyPatch): Promise<CallPolicy> {
    const before = await this.settings(actor.deskId);
    const parsed = callPolicySchema.safeParse({ ...before, ...patch });
    if (!parsed.success) throw new AppError('validation_failed', 'call settings');
    const after = parsed.data;
    await this.repository.saveSettings({ desk_id: actor.deskId, visitor_may_start: after.visitorMayStart ? 1 : 0, updated_at: this.clock.now().toISOString() });
    await this.audit.record({
      deskId: actor.deskId,
      actor: { id: actor.id, name: actor.name },
      action: 'settings.changed',
      target: { type: 'calls', id: actor.deskId },
      detail: { before, after },
    });
    return after;
  }
}
