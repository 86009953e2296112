/** Consultants with a routing profile, connected over a real socket, for the routing tests. */
import type { UiLanguage } from '../../../src/shared/languages';
import { connectStaff, serverForEachTest, signedInStaff, type TestServer } from '../../support/app';
import type { DatabaseTarget } from '../../support/databases';

export const ROUTING_TEST_ENV = { CONVERSATIONS_PER_MINUTE: '1000', LOGINS_PER_MINUTE: '1000', MESSAGES_PER_MINUTE: '1000' };

export interface ConsultantProfile {
  name?: string;
  languages?: UiLanguage[];
  topics?: string[];
  maxConcurrent?: number;
  /** Languages they interpret, any language (e.g. `uz`). */
  interpreterLanguages?: string[];
  role?: 'consultant' | 'supervisor' | 'admin';
}

export async function connectedConsultant(server: TestServer, profile: ConsultantProfile = {}) {
  const staff = await signedInStaff(server, { name: profile.name, languages: profile.languages ?? ['pl', 'en'], role: profile.role });
  await server.database.db
    .updateTable('staff_users')
    .set({
      topics: (profile.topics ?? []).join(','),
      max_concurrent: profile.maxConcurrent ?? 3,
      interpreter_languages: (profile.interpreterLanguages ?? []).join(','),
    })
    .where('id', '=', staff.user.id)
    .execute();
  const { socket, welcome } = await connectStaff(server, staff.cookie);
  return { ...staff, id: staff.user.id, socket, welcome };
}

/** A server on a fresh database for each test: routing depends on everyone connected, so tests share nothing. */
export function routingServerForEachTest(target: DatabaseTarget, env: Record<string, string> = {}): () => TestServer {
  return serverForEachTest(target, { ...ROUTING_TEST_ENV, ...env });
}
