/** The admin HTTP API, each answer checked against the shared schema. */
import * as z from 'zod/mini';
import {
  adminScheduleSchema,
  cannedAnswerListSchema,
  cannedAnswerSchema,
  routingSettingsSchema,
  auditPageSchema,
  staffAccountResponseSchema,
  staffListSchema,
  topicListSchema,
  topicResponseSchema,
  type AdminSchedule,
  type AuditAction,
  type CannedAnswer,
  type CannedAnswerUpdate,
  type RoutingSettings,
  type CreateStaffRequest,
  type StaffAccount,
  type Topic,
  type TopicNames,
  type UpdateStaffRequest,
  type WeeklyInterval,
  type TimeRangeWire,
} from '../../shared/protocol';
import type { UiLanguage } from '../../shared/languages';
import { postJson, requestJson } from '../common/api';

function sendJson(method: 'PUT' | 'PATCH' | 'DELETE', body?: unknown): RequestInit {
  return body === undefined ? { method } : { ...postJson(body), method };
}

export const staffApi = {
  list: async (): Promise<StaffAccount[]> => (await requestJson('/api/admin/staff', staffListSchema)).staff,
  create: async (request: CreateStaffRequest): Promise<StaffAccount> =>
    (await requestJson('/api/admin/staff', staffAccountResponseSchema, postJson(request))).account,
  update: async (id: string, change: UpdateStaffRequest): Promise<StaffAccount> =>
    (await requestJson(`/api/admin/staff/${id}`, staffAccountResponseSchema, sendJson('PATCH', change))).account,
  resetPassword: async (id: string, password: string): Promise<void> => {
    await requestJson(`/api/admin/staff/${id}/password`, z.null(), postJson({ password }));
  },
};

export const topicApi = {
  list: async (): Promise<Topic[]> => (await requestJson('/api/admin/topics', topicListSchema)).topics,
  create: async (id: string, names: TopicNames): Promise<Topic> =>
    (await requestJson('/api/admin/topics', topicResponseSchema, postJson({ id, names }))).topic,
  update: async (id: string, change: { names?: TopicNames; active?: boolean }): Promise<Topic> =>
    (await requestJson(`/api/admin/topics/${id}`, topicResponseSchema, sendJson('PUT', change))).topic,
  reorder: async (ids: string[]): Promise<Topic[]> => (await requestJson('/api/admin/topic-order', topicListSchema, sendJson('PUT', { ids }))).topics,
};

export const scheduleApi = {
  get: (): Promise<AdminSchedule> => requestJson('/api/admin/schedule', adminScheduleSchema),
  saveHours: (hours: WeeklyInterval[], serviceStart: string | null, serviceEnd: string | null): Promise<AdminSchedule> =>
    requestJson('/api/admin/schedule/hours', adminScheduleSchema, sendJson('PUT', { hours, serviceStart, serviceEnd })),
  setException: (date: string, hours: TimeRangeWire[]): Promise<AdminSchedule> =>
    requestJson(`/api/admin/schedule/exceptions/${date}`, adminScheduleSchema, sendJson('PUT', { hours })),
  removeException: (date: string): Promise<AdminSchedule> => requestJson(`/api/admin/schedule/exceptions/${date}`, adminScheduleSchema, sendJson('DELETE')),
  pause: (messages: Partial<Record<UiLanguage, string>>): Promise<AdminSchedule> =>
    requestJson('/api/admin/schedule/pause', adminScheduleSchema, sendJson('PUT', { messages })),
  resume: (): Promise<AdminSchedule> => requestJson('/api/admin/schedule/pause', adminScheduleSchema, sendJson('DELETE')),
};

export function auditPage(action: AuditAction | null, before: string | null) {
  const query = new URLSearchParams();
  if (action) query.set('action', action);
  if (before) query.set('before', before);
  const search = query.toString();
  return requestJson(`/api/admin/audit${search ? `?${search}` : ''}`, auditPageSchema);
}

export const routingApi = {
  get: (): Promise<RoutingSettings> => requestJson('/api/admin/routing', routingSettingsSchema),
  save: (settings: RoutingSettings): Promise<RoutingSettings> => requestJson('/api/admin/routing', routingSettingsSchema, sendJson('PUT', settings)),
};

/** The desk's shared canned answers (src/server/canned); admins edit them, consultants use them. */
export const sharedCannedApi = {
  list: async (): Promise<CannedAnswer[]> => (await requestJson('/api/canned-answers?scope=shared', cannedAnswerListSchema)).answers,
  create: (answer: CannedAnswerUpdate): Promise<CannedAnswer> =>
    requestJson('/api/canned-answers', cannedAnswerSchema, postJson({ ...answer, scope: 'shared' })),
  update: (id: string, answer: CannedAnswerUpdate): Promise<CannedAnswer> => requestJson(`/api/canned-answers/${id}`, cannedAnswerSchema, sendJson('PUT', answer)),
  remove: async (id: string): Promise<void> => {
    await requestJson(`/api/canned-answers/${id}`, z.null(), sendJson('DELETE'));
  },
};
