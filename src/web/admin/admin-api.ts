/** The admin HTTP API, each answer checked against the shared schema. */
import {
  AUDIT_ROUTES,
  CALL_SETTINGS_ROUTES,
  CANNED_ROUTES,
  INACTIVITY_SETTINGS_ROUTES,
  HELP_ROUTES,
  PRIVACY_ROUTES,
  ROUTING_SETTINGS_ROUTES,
  SCHEDULE_ROUTES,
  STAFF_ADMIN_ROUTES,
  TOPIC_ROUTES,
  TWO_FACTOR_ADMIN_ROUTES,
  type AdminSchedule,
  type AuditAction,
  type ErasureSummary,
  type PersonData,
  type CallPolicy,
  type CannedAnswer,
  type CannedAnswerUpdate,
  type InactivitySettings,
  type HelpArticle,
  type HelpArticleInput,
  type HelpMarkdownFiles,
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
import { api, pathOf, postJson, requestFile, saveFile, withReauthentication } from '../common/api';

export const staffApi = {
  list: async (): Promise<StaffAccount[]> => (await api(STAFF_ADMIN_ROUTES.list)).staff,
  create: async (request: CreateStaffRequest): Promise<StaffAccount> => (await api(STAFF_ADMIN_ROUTES.create, { body: request })).account,
  update: async (id: string, change: UpdateStaffRequest): Promise<StaffAccount> =>
    (await api(STAFF_ADMIN_ROUTES.update, { params: { id }, body: change })).account,
  resetPassword: (id: string, password: string): Promise<void> => api(STAFF_ADMIN_ROUTES.resetPassword, { params: { id }, body: { password } }),
  resetTwoFactor: (id: string): Promise<void> => api(TWO_FACTOR_ADMIN_ROUTES.reset, { params: { id } }),
};

/** Whether consultants must have a second factor too (admins and supervisors: STAFF_2FA_REQUIRED_ROLES). */
export const twoFactorPolicyApi = {
  get: (): Promise<{ consultantsRequired: boolean }> => api(TWO_FACTOR_ADMIN_ROUTES.policy),
  save: (policy: { consultantsRequired: boolean }): Promise<{ consultantsRequired: boolean }> => api(TWO_FACTOR_ADMIN_ROUTES.setPolicy, { body: policy }),
};

export const topicApi = {
  list: async (): Promise<Topic[]> => (await api(TOPIC_ROUTES.list)).topics,
  create: async (id: string, names: TopicNames): Promise<Topic> => (await api(TOPIC_ROUTES.create, { body: { id, names } })).topic,
  update: async (id: string, change: { names?: TopicNames; active?: boolean }): Promise<Topic> =>
    (await api(TOPIC_ROUTES.update, { params: { id }, body: change })).topic,
  reorder: async (ids: string[]): Promise<Topic[]> => (await api(TOPIC_ROUTES.reorder, { body: { ids } })).topics,
};

export const scheduleApi = {
  get: (): Promise<AdminSchedule> => api(SCHEDULE_ROUTES.get),
  saveHours: (hours: WeeklyInterval[], serviceStart: string | null, serviceEnd: string | null): Promise<AdminSchedule> =>
    api(SCHEDULE_ROUTES.saveHours, { body: { hours, serviceStart, serviceEnd } }),
  setException: (date: string, hours: TimeRangeWire[]): Promise<AdminSchedule> => api(SCHEDULE_ROUTES.setException, { params: { date }, body: { hours } }),
  removeException: (date: string): Promise<AdminSchedule> => api(SCHEDULE_ROUTES.removeException, { params: { date } }),
  pause: (messages: Partial<Record<UiLanguage, string>>): Promise<AdminSchedule> => api(SCHEDULE_ROUTES.pause, { body: { messages } }),
  resume: (): Promise<AdminSchedule> => api(SCHEDULE_ROUTES.resume),
};

/** `lang`: the reader's, for the names that have one per language (topics). */
export function auditPage(action: AuditAction | null, before: string | null, lang: UiLanguage) {
  return api(AUDIT_ROUTES.page, { query: { action: action ?? undefined, before: before ?? undefined, lang } });
}

export const routingApi = {
  get: (): Promise<RoutingSettings> => api(ROUTING_SETTINGS_ROUTES.get),
  save: (settings: RoutingSettings): Promise<RoutingSettings> => api(ROUTING_SETTINGS_ROUTES.update, { body: settings }),
};

/** When quiet and abandoned conversations end (src/server/inactivity). */
export const inactivityApi = {
  get: (): Promise<InactivitySettings> => api(INACTIVITY_SETTINGS_ROUTES.get),
  save: (settings: InactivitySettings): Promise<InactivitySettings> => api(INACTIVITY_SETTINGS_ROUTES.update, { body: settings }),
};

/** Whether a visitor may start a call (src/server/calls). */
export const callPolicyApi = {
  get: (): Promise<CallPolicy> => api(CALL_SETTINGS_ROUTES.get),
  save: (settings: CallPolicy): Promise<CallPolicy> => api(CALL_SETTINGS_ROUTES.update, { body: settings }),
};

/** The desk's shared canned answers (src/server/canned); admins edit them, consultants use them. */
export const sharedCannedApi = {
  list: async (): Promise<CannedAnswer[]> => (await api(CANNED_ROUTES.list, { query: { scope: 'shared' } })).answers,
  create: (answer: CannedAnswerUpdate): Promise<CannedAnswer> => api(CANNED_ROUTES.create, { body: { ...answer, scope: 'shared' } }),
  update: (id: string, answer: CannedAnswerUpdate): Promise<CannedAnswer> => api(CANNED_ROUTES.update, { params: { id }, body: answer }),
  remove: (id: string): Promise<void> => api(CANNED_ROUTES.remove, { params: { id } }),
};

export const helpApi = {
  list: async (): Promise<HelpArticle[]> => (await api(HELP_ROUTES.list)).articles,
  create: (article: HelpArticleInput): Promise<HelpArticle> => api(HELP_ROUTES.create, { body: article }),
  update: (id: string, article: HelpArticleInput): Promise<HelpArticle> => api(HELP_ROUTES.update, { params: { id }, body: article }),
  remove: (id: string): Promise<void> => api(HELP_ROUTES.remove, { params: { id } }),
  exportMarkdown: (): Promise<HelpMarkdownFiles> => api(HELP_ROUTES.exportMarkdown),
  importMarkdown: (files: HelpMarkdownFiles): Promise<{ created: number; updated: number }> => api(HELP_ROUTES.importMarkdown, { body: files }),
};

/** Data-subject requests: every call audited by the server. */
export const privacyApi = {
  find: (key: string): Promise<PersonData> => api(PRIVACY_ROUTES.find, { body: { key } }),
  /** The JSON file (files base64-encoded in it), offered as a download. */
  export: async (key: string): Promise<void> => {
    const { blob, filename } = await withReauthentication(() => requestFile(pathOf(PRIVACY_ROUTES.export), postJson({ key })));
    saveFile(blob, filename ?? 'personal-data.json');
  },
  erase: (key: string): Promise<ErasureSummary> => api(PRIVACY_ROUTES.erase, { body: { key } }),
  redact: (conversationId: string, seq: number): Promise<void> => api(PRIVACY_ROUTES.redact, { params: { id: conversationId, seq: String(seq) } }),
};
