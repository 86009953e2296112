import type { AuditTables } from '../audit/tables';
import type { AuthTables } from '../auth/tables';
import type { CallTables } from '../calls/tables';
import type { BookingTables } from '../bookings/tables';
import type { CannedTables } from '../canned/tables';
import type { ConversationTables } from '../conversations/tables';
import type { DeskTables } from '../desks/tables';
import type { FileTables } from '../files/tables';
import type { InboxTables } from '../inbox/tables';
import type { MailTables } from '../mail/tables';
import type { NoteTables } from '../notes/tables';
import type { ParticipantTables } from '../participants/tables';
import type { RoutingTables } from '../routing/tables';
import type { ScheduleTables } from '../schedule/tables';
import type { TopicTables } from '../topics/tables';

/** The whole database as Kysely sees it; each domain module declares its own tables. */
export type DatabaseSchema = DeskTables & AuthTables & AuditTables & ConversationTables & BookingTables & RoutingTables & ScheduleTables & InboxTables & MailTables & FileTables & TopicTables & CannedTables & NoteTables & ParticipantTables & CallTables;
