/** Idle and abandoned conversations (src/server/inactivity): the desk's thresholds, and rejoining the queue. */
import * as z from 'zod/mini';
import { defineRoute } from './contract';

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

/** Frames this domain receives; protocol.ts joins every domain's into one union. */
export const INACTIVITY_CLIENT_FRAMES = [visitorRejoinFrame] as const;

/** The thresholds in /admin (admins only). */
export const INACTIVITY_SETTINGS_ROUTES = {
  get: defineRoute({ method: 'GET', path: '/api/admin/inactivity', auth: 'admin', response: inactivitySettingsSchema }),
  update: defineRoute({ method: 'PUT', path: '/api/admin/inactivity', auth: 'admin', body: inactivitySettingsPatchSchema, response: inactivitySettingsSchema }),
};
