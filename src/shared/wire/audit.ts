/** The audit log: admins read it; each domain records its own actions (src/server/audit). */
import * as z from 'zod/mini';
import { UI_LANGUAGES } from '../languages';
import { staffRefSchema } from './common';
import { defineRoute } from './contract';

export const AUDIT_ACTIONS = [
  'staff.signed_in',
  'staff.sign_in_failed',
  'staff.sign_in_locked',
  'staff.password_changed',
  'staff.session_ended',
  'staff.other_sessions_ended',
  'staff.created',
  'staff.updated',
  'staff.deactivated',
  'staff.password_reset',
  'two_factor.enrolled',
  'two_factor.failed',
  'two_factor.recovery_code_used',
  'two_factor.reset',
  'two_factor.policy_changed',
  'settings.changed',
  'inactivity.changed',
  'schedule.changed',
  'topics.changed',
  'canned.changed',
  'help.changed',
  'conversation.taken',
  'conversation.transferred',
  'conversation.joined',
  'conversation.closed',
  'left_message.answered',
  'left_message.closed',
  'conversation.left',
  'conversation.reassigned',
  'conversation.taken_over',
  /** Data-subject requests (src/server/privacy): the kind of key and the counts, never the key or the content. */
  'privacy.searched',
  'privacy.exported',
  'privacy.erased',
  'privacy.message_redacted',
  'file.infected',
  'visitor.blocked',
  'visitor.unblocked',
] as const;
const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

const auditEntrySchema = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  actor: z.nullable(staffRefSchema),
  action: auditActionSchema,
  target: z.nullable(z.object({ type: z.string(), id: z.string() })),
  detail: z.nullable(z.record(z.string(), z.unknown())),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * Where the next (older) audit page starts: `<at>|<id>` of the last entry shown, since several
 * entries can share one time. The browser only hands it back.
 */
export const auditCursorSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/));

const auditQuerySchema = z.object({
  before: z.optional(auditCursorSchema),
  action: z.optional(auditActionSchema),
  /** The reader's language, for the names that have one per language (topics); else the desk's first. */
  lang: z.optional(z.enum(UI_LANGUAGES)),
});

const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextBefore: z.nullable(auditCursorSchema),
  /** Today's names of the staff and other targets the entries mention by id (deactivated accounts too). */
  names: z.record(z.string(), z.string()),
});

export const AUDIT_ROUTES = {
  /** Newest first, a page at a time. */
  page: defineRoute({ method: 'GET', path: '/api/admin/audit', auth: 'admin', query: auditQuerySchema, response: auditPageSchema }),
};
