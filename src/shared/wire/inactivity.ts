/** Idle and abandoned conversations, and whether the visitor is there (src/server/inactivity): the desk's thresholds, rejoining the queue, presence. */
import * as z from 'zod/mini';
import { defineRoute } from './contract';
import { conversationIdSchema } from './common';

export const inactivitySettingsSchema = z.object({
  /** An active conversation quiet this long (nobody wrote, no call) asks the visitor "are you still there?". */
  warningSeconds: z.int().check(z.gte(10), z.lte(7200)),
  /** After the question, this long without an answer ends it as `visitor_inactive`. */
  endSeconds: z.int().check(z.gte(10), z.lte(3600)),
  /** A waiting conversation whose visitor has had no connection this long leaves the queue (`visitor_absent`). */
  absentSeconds: z.int().check(z.gte(10), z.lte(7200)),
});
export type InactivitySettings = z.infer<typeof inactivitySettingsSchema>;
const inactivitySettingsPatchSchema = z.partial(inactivitySettingsSchema);
export type InactivitySettingsPatch = z.infer<typeof inactivitySettingsPatchSchema>;

/** A visitor whose conversation left the queue while they were away takes a place at its back. */
const visitorRejoinFrame = z.object({ type: z.literal('visitor.rejoin') });

/** The visitor's page became visible or hidden (document.visibilityState, pagehide); a visitor socket only. */
const visitorVisibilityFrame = z.object({ type: z.literal('visitor.visibility'), visible: z.boolean() });

/** Whether the visitor is there: a socket open and the page visible, a socket open behind a hidden page, or no socket anywhere. */
export const visitorPresenceSchema = z.enum(['present', 'away', 'gone']);
export type VisitorPresence = z.infer<typeof visitorPresenceSchema>;

/** To staff: a conversation's visitor came, looked away or left (also right after welcome.staff, for what it lists). */
const visitorPresenceFrame = z.object({
  type: z.literal('visitor.presence'),
  conversationId: conversationIdSchema,
  presence: visitorPresenceSchema,
});

/** Frames this domain receives; protocol.ts joins every domain's into one union. */
export const INACTIVITY_CLIENT_FRAMES = [visitorRejoinFrame, visitorVisibilityFrame] as const;

/** Frames this domain sends. */
export const INACTIVITY_SERVER_FRAMES = [visitorPresenceFrame] as const;

/** The thresholds in /admin (admins only). */
export const INACTIVITY_SETTINGS_ROUTES = {
  get: defineRoute({ method: 'GET', path: '/api/admin/inactivity', auth: 'admin', response: inactivitySettingsSchema }),
  update: defineRoute({ method: 'PUT', path: '/api/admin/inactivity', auth: 'admin', body: inactivitySettingsPatchSchema, response: inactivitySettingsSchema }),
};
