/** Routing and the waiting visitor (src/server/routing; docs/routing.md). */
import * as z from 'zod/mini';
import { languageSchema } from '../desk-protocol';
import { conversationIdSchema } from './common';
import { conversationSummarySchema } from './conversations';
import { staffAvailabilitySchema } from './staff';
import { defineRoute } from './contract';

/** `auto`: each new conversation is offered to one consultant; `manual`: consultants pick from the queue. */
export const ROUTING_MODES = ['auto', 'manual'] as const;
const routingModeSchema = z.enum(ROUTING_MODES);
export type RoutingMode = z.infer<typeof routingModeSchema>;

export const routingSettingsSchema = z.object({
  mode: routingModeSchema,
  /** An offer not accepted within this time goes to the next consultant. */
  offerTimeoutSeconds: z.int().check(z.gte(10), z.lte(600)),
  /** A consultant with no connection for this long gets their conversations returned to the queue. */
  disconnectGraceSeconds: z.int().check(z.gte(10), z.lte(3600)),
});
export type RoutingSettings = z.infer<typeof routingSettingsSchema>;
const routingSettingsPatchSchema = z.partial(routingSettingsSchema);
export type RoutingSettingsPatch = z.infer<typeof routingSettingsPatchSchema>;

/** A colleague as the console shows them. */
const staffPresenceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  availability: staffAvailabilitySchema,
  languages: z.array(languageSchema),
});
export type StaffPresence = z.infer<typeof staffPresenceSchema>;

/** Where a waiting visitor stands. */
const queueStatusSchema = z.object({
  /** 1 = next; counted among the conversations waiting in the same language. */
  position: z.int().check(z.gte(1)),
  /** "About N minutes", already rounded (docs/routing.md); null when no consultant on duty can take it. */
  estimateMinutes: z.nullable(z.int().check(z.gte(1))),
  /** The estimate runs past today's closing (or the desk is closed): it may not be served today. */
  pastClosing: z.boolean(),
  /** Languages a consultant on duty speaks now, for a visitor whose own language is not among them. */
  languagesOnDuty: z.array(languageSchema),
});
export type QueueStatus = z.infer<typeof queueStatusSchema>;

const staffAvailabilityFrame = z.object({
  type: z.literal('staff.availability'),
  availability: staffAvailabilitySchema,
});

/** The consultant turns down an offer; it goes to the next consultant. Accepting is `conversation.take`. */
const routingDeclineFrame = z.object({
  type: z.literal('routing.decline'),
  conversationId: conversationIdSchema,
});

/** A waiting visitor continues in another language (one a consultant on duty speaks). */
const visitorLanguageFrame = z.object({
  type: z.literal('visitor.language'),
  language: languageSchema,
});

const routingOfferFrame = z.object({
  type: z.literal('routing.offer'),
  conversation: conversationSummarySchema,
  expiresAt: z.iso.datetime(),
  /**
   * The server's clock when it sent the frame: the console counts down `expiresAt − sentAt` from
   * the moment the frame arrived, so a browser clock that is off does not shorten the offer.
   */
  sentAt: z.iso.datetime(),
});

/** The offer is gone: it expired, was declined, or the conversation left the queue. */
const routingOfferEndedFrame = z.object({
  type: z.literal('routing.offer.ended'),
  conversationId: conversationIdSchema,
});

const staffPresenceFrame = z.object({
  type: z.literal('staff.presence'),
  staff: staffPresenceSchema,
});

/** Colleagues' availability, sent to a console after its welcome. */
const staffPresenceListFrame = z.object({
  type: z.literal('staff.presence.list'),
  staff: z.array(staffPresenceSchema),
});

const visitorQueueFrame = z.object({
  type: z.literal('visitor.queue'),
  queue: queueStatusSchema,
});

/** Frames this domain receives; protocol.ts joins every domain's into one union. */
export const ROUTING_CLIENT_FRAMES = [staffAvailabilityFrame, routingDeclineFrame, visitorLanguageFrame] as const;

/** Frames this domain sends. */
export const ROUTING_SERVER_FRAMES = [routingOfferFrame, routingOfferEndedFrame, staffPresenceFrame, staffPresenceListFrame, visitorQueueFrame] as const;

/** The routing settings in /admin. */
export const ROUTING_SETTINGS_ROUTES = {
  get: defineRoute({ method: 'GET', path: '/api/admin/routing', auth: 'admin', response: routingSettingsSchema }),
  update: defineRoute({ method: 'PUT', path: '/api/admin/routing', auth: 'admin', body: routingSettingsPatchSchema, response: routingSettingsSchema }),
};
