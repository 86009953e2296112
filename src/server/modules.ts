/**
 * Every domain of the server, in the order they are created: a module may use the services of
 * the modules above it. Adding a domain is one line here.
 */
import { auditModule } from './audit/module';
import { blocksModule } from './blocks/module';
import { authModule } from './auth/module';
import { bookingsModule } from './bookings/module';
import { callsModule } from './calls/module';
import { cannedModule } from './canned/module';
import { closingModule } from './closing/module';
import { conversationsModule } from './conversations/module';
import { desksModule } from './desks/module';
import type { Migration } from 'kysely';
import type { DeskEventKind } from './events/desk-event';
import { filesModule } from './files/module';
import { handoffModule } from './handoff/module';
import { inactivityModule } from './inactivity/module';
import { helpModule } from './help/module';
import { inboxModule } from './inbox/module';
import { mailModule } from './mail/module';
import { combineParts, type EventsDeliveredBy, type FramesHandledBy, type ModuleFrameType } from './module';
import { notesModule } from './notes/module';
import { officeModule } from './office/module';
import { participantsModule } from './participants/module';
import { privacyModule } from './privacy/module';
import { proofOfWorkModule } from './proof-of-work/module';
import { reportsModule } from './reports/module';
import { retentionModule } from './retention/module';
import { routingModule } from './routing/module';
import { satisfactionModule } from './satisfaction/module';
import { scheduleModule } from './schedule/module';
import { signalsModule } from './signals/module';
import { staffModule } from './staff/module';
import { topicsModule } from './topics/module';
import { translationModule } from './translation/module';
import { visitorContextModule } from './visitor-context/module';

export const serverModules = [
  auditModule,
  authModule,
  scheduleModule,
  topicsModule,
  staffModule,
  officeModule,
  // Before every domain that counts its events into the aggregate store.
  reportsModule,
  // Before the ways a visitor comes in (conversations, bookings, inbox), which check it.
  blocksModule,
  // Before the same ways in: their per-address limits ask for a proof of work past the limit.
  proofOfWorkModule,
  conversationsModule,
  handoffModule,
  participantsModule,
  cannedModule,
  notesModule,
  signalsModule,
  visitorContextModule,
  // Routing's welcome follow-ups go before calls', and its job stops first.
  routingModule,
  filesModule,
  mailModule,
  // After routing and mail: the desk info says who is on duty and whether e-mail is sent.
  desksModule,
  bookingsModule,
  inboxModule,
  satisfactionModule,
  callsModule,
  inactivityModule,
  closingModule,
  retentionModule,
  // After inbox and bookings, whose erasure it uses.
  privacyModule,
  helpModule,
  translationModule,
] as const;

type ServerModules = (typeof serverModules)[number];

/** The migrations the modules bring, for migrateToLatest (db/database.ts). */
export const moduleMigrations: Record<string, Migration> = combineParts(
  serverModules.map((module: ServerModules) => module.migrations),
  'migration',
) as Record<string, Migration>;

/** Compile errors naming a client frame type no module handles, or an event kind no module delivers. */
type Nothing<T extends never> = T;
export type UnhandledFrames = Nothing<Exclude<ModuleFrameType, FramesHandledBy<ServerModules>>>;
export type UndeliveredEvents = Nothing<Exclude<DeskEventKind, EventsDeliveredBy<ServerModules> | 'resync'>>;
