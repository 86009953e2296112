import type { Selectable } from 'kysely';
import type { ConversationStatus } from '../conversations/types';
import type { BookingsTable } from './tables';

/** A booking as the repository hands it out (fields named as the columns). */
export type Booking = Selectable<BookingsTable>;

/** A booking on the staff agenda, with the status of the conversation the visitor joined with (if any). */
export type AgendaBooking = Booking & { conversation_status: ConversationStatus | null };
