export interface AuditLogTable {
  id: string;
  desk_id: string;
  at: string;
  /** Null when nobody was signed in (a failed sign-in) or the system acted (routing). */
  actor_id: string | null;
  /** The name at the time of the action, so the log stays readable after an account changes. */
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** JSON object with the action's particulars; never message text or passwords. */
  detail: string | null;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends AuditTables {}
}
