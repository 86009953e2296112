import type { AuditTables } from '../audit/tables';
import type { AuthTables } from '../auth/tables';
import type { ConversationTables } from '../conversations/tables';
import type { DeskTables } from '../desks/tables';
import type { ScheduleTables } from '../schedule/tables';

/** The whole database as Kysely sees it; each domain module declares its own tables. */
export type DatabaseSchema = DeskTables & AuthTables & AuditTables & ConversationTables & ScheduleTables;
