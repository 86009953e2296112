/** Staff members: roles, availability, their profile, and the accounts admins manage (src/server/staff). */
import * as z from 'zod/mini';
import { languageSchema, topicIdSchema } from '../desk-protocol';
import { emailAddressSchema } from './common';
import { defineRoute } from './contract';

export const STAFF_ROLES = ['consultant', 'supervisor', 'admin'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);

/** Shown to colleagues; routing offers conversations only to `available` staff. */
export const STAFF_AVAILABILITIES = ['available', 'away', 'offline'] as const;
export const staffAvailabilitySchema = z.enum(STAFF_AVAILABILITIES);
export type StaffAvailability = z.infer<typeof staffAvailabilitySchema>;

/** A language someone interprets: an ISO 639 code, or `pjm` for Polish Sign Language. */
export const interpreterLanguageSchema = z.string().check(z.regex(/^[a-z]{2,3}$/));

export const staffUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  languages: z.array(languageSchema),
  /** Topic ids handled; empty means every topic. */
  topics: z.array(topicIdSchema),
  maxConcurrent: z.int(),
  availability: staffAvailabilitySchema,
  interpreterLanguages: z.array(interpreterLanguageSchema),
});
export type StaffUser = z.infer<typeof staffUserSchema>;

/** The most conversations one person may be given at once. */
export const MAX_CONCURRENT_LIMIT = 20;
const staffNameSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(120));
/** A password someone sets: long enough to resist guessing; the ceiling keeps hashing cheap. */
export const newPasswordSchema = z.string().check(z.minLength(12), z.maxLength(1024));
const maxConcurrentSchema = z.int().check(z.gte(1), z.lte(MAX_CONCURRENT_LIMIT));

const staffAccountSchema = z.extend(staffUserSchema, { active: z.boolean(), createdAt: z.iso.datetime() });
export type StaffAccount = z.infer<typeof staffAccountSchema>;
const staffListSchema = z.object({ staff: z.array(staffAccountSchema) });
const staffAccountResponseSchema = z.object({ account: staffAccountSchema });

const createStaffRequestSchema = z.object({
  email: emailAddressSchema,
  name: staffNameSchema,
  role: staffRoleSchema,
  languages: z.array(languageSchema).check(z.minLength(1)),
  /** Empty: every topic. */
  topics: z.array(topicIdSchema),
  maxConcurrent: maxConcurrentSchema,
  interpreterLanguages: z.array(interpreterLanguageSchema).check(z.maxLength(20)),
  password: newPasswordSchema,
});
export type CreateStaffRequest = z.infer<typeof createStaffRequestSchema>;

/** Only the fields present change; `active: false` deactivates and ends every session. */
const updateStaffRequestSchema = z.partial(z.extend(z.omit(createStaffRequestSchema, { email: true, password: true }), { active: z.boolean() }));
export type UpdateStaffRequest = z.infer<typeof updateStaffRequestSchema>;

const resetPasswordRequestSchema = z.object({ password: newPasswordSchema });

/** Staff accounts in /admin. */
export const STAFF_ADMIN_ROUTES = {
  list: defineRoute({ method: 'GET', path: '/api/admin/staff', auth: 'admin', response: staffListSchema }),
  create: defineRoute({
    method: 'POST',
    path: '/api/admin/staff',
    auth: 'admin',
    body: createStaffRequestSchema,
    response: staffAccountResponseSchema,
    status: 201,
  }),
  update: defineRoute({ method: 'PATCH', path: '/api/admin/staff/:id', auth: 'admin', body: updateStaffRequestSchema, response: staffAccountResponseSchema }),
  resetPassword: defineRoute({ method: 'POST', path: '/api/admin/staff/:id/password', auth: 'admin', body: resetPasswordRequestSchema, response: null }),
};
