import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, CannedAnswer, CannedAnswerList } from '../../../src/shared/protocol';
import { serverForSuite, signedInStaff, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

describe.each(databaseTargets)('canned answers on $engine', (target) => {
  const suiteServer = serverForSuite(target, { LOGINS_PER_MINUTE: '1000' });
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    server.app.server.inject({ method, url, headers: { cookie }, ...(payload && { payload }) });

  async function create(cookie: string, answer: { scope: 'personal' | 'shared'; language: string; title: string; body: string }) {
    const response = await call(cookie, 'POST', '/api/canned-answers', answer);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as CannedAnswer;
  }

  const list = async (cookie: string, query = '') =>
    ((await call(cookie, 'GET', `/api/canned-answers${query}`)).json() as CannedAnswerList).answers;

  it('shows each consultant the shared set and only their own personal answers', async () => {
    const admin = await signedInStaff(server, { role: 'admin' });
    const anna = await signedInStaff(server);
    const olena = await signedInStaff(server);
    const shared = await create(admin.cookie, { scope: 'shared', language: 'en', title: 'Opening hours', body: 'We are open {officeHours}.' });
    const annas = await create(anna.cookie, { scope: 'personal', language: 'en', title: 'Greeting', body: 'Hello {visitorName}!' });
    await create(olena.cookie, { scope: 'personal', language: 'uk', title: 'Вітання', body: 'Добрий день!' });

    expect((await list(anna.cookie)).map((a) => [a.title, a.scope])).toEqual([
      ['Greeting', 'personal'],
      ['Opening hours', 'shared'],
    ]);
    expect((await list(anna.cookie, '?scope=shared')).map((a) => a.id)).toEqual([shared.id]);
    expect((await list(olena.cookie, '?language=uk')).map((a) => a.title)).toEqual(['Вітання']);
    // Another consultant's personal answer does not exist for Olena.
    expect((await call(olena.cookie, 'PUT', `/api/canned-answers/${annas.id}`, { language: 'en', title: 'x', body: 'y' })).json()).toMatchObject({
      code: 'canned_answer_not_found',
    });
    expect((await call(olena.cookie, 'DELETE', `/api/canned-answers/${annas.id}`)).statusCode).toBe(404);
  });

  it('finds answers by words in the title or text, ignoring case and diacritics', async () => {
    const consultant = await signedInStaff(server);
    await create(consultant.cookie, { scope: 'personal', language: 'pl', title: 'Zaświadczenie o zatrudnieniu', body: 'Proszę przynieść oryginał.' });
    await create(consultant.cookie, { scope: 'personal', language: 'pl', title: 'Karta pobytu', body: 'Odbiór osobiście w Urzędzie.' });
    await create(consultant.cookie, { scope: 'personal', language: 'ru', title: 'Карта побыту', body: 'Получение ЛИЧНО.' });
    const titles = async (q: string) => (await list(consultant.cookie, `?scope=personal&q=${encodeURIComponent(q)}`)).map((a) => a.title);
    expect(await titles('zaswiadczenie')).toEqual(['Zaświadczenie o zatrudnieniu']);
    expect(await titles('URZĘDZIE odbiór')).toEqual(['Karta pobytu']);
    expect(await titles('лично')).toEqual(['Карта побыту']);
    expect(await titles('karta nic')).toEqual([]);
  });

  it('lets consultants edit and delete their personal answers, unaudited', async () => {
    const consultant = await signedInStaff(server);
    const answer = await create(consultant.cookie, { scope: 'personal', language: 'en', title: 'Draft', body: 'Text' });
    server.clock.advance(60_000);
    const edited = await call(consultant.cookie, 'PUT', `/api/canned-answers/${answer.id}`, { language: 'pl', title: ' Szkic ', body: 'Tekst' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ id: answer.id, scope: 'personal', language: 'pl', title: 'Szkic', body: 'Tekst' });
    expect((edited.json() as CannedAnswer).updatedAt > answer.updatedAt).toBe(true);
    expect((await call(consultant.cookie, 'DELETE', `/api/canned-answers/${answer.id}`)).statusCode).toBe(204);
    expect(await list(consultant.cookie, '?scope=personal')).toEqual([]);
    const audit = await server.app.audit.page(server.app.desk.id, { limit: 50, action: 'canned.changed' });
    expect(audit.entries.some((entry) => entry.target?.id === answer.id)).toBe(false);
  });

  it('keeps the shared set to admins and audits every change to it', async () => {
    const admin = await signedInStaff(server, { role: 'admin', name: 'Admin' });
    for (const role of ['consultant', 'supervisor'] as const) {
      const staff = await signedInStaff(server, { role });
      const refused = await call(staff.cookie, 'POST', '/api/canned-answers', { scope: 'shared', language: 'en', title: 't', body: 'b' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'forbidden' });
    }
    const answer = await create(admin.cookie, { scope: 'shared', language: 'en', title: 'Documents', body: 'Bring your passport.' });
    const consultant = await signedInStaff(server);
    expect((await call(consultant.cookie, 'PUT', `/api/canned-answers/${answer.id}`, { language: 'en', title: 'x', body: 'y' })).statusCode).toBe(403);
    expect((await call(consultant.cookie, 'DELETE', `/api/canned-answers/${answer.id}`)).statusCode).toBe(403);

    server.clock.advance(1_000);
    expect((await call(admin.cookie, 'PUT', `/api/canned-answers/${answer.id}`, { language: 'en', title: 'Documents to bring', body: 'Passport.' })).statusCode).toBe(200);
    server.clock.advance(1_000);
    expect((await call(admin.cookie, 'DELETE', `/api/canned-answers/${answer.id}`)).statusCode).toBe(204);

    const page = await call(admin.cookie, 'GET', '/api/admin/audit?action=canned.changed');
    const entries = (page.json() as { entries: AuditEntry[] }).entries.filter((entry) => entry.target?.id === answer.id);
    expect(entries.map((entry) => [entry.detail?.operation, entry.actor?.name])).toEqual([
      ['deleted', 'Admin'],
      ['updated', 'Admin'],
      ['created', 'Admin'],
    ]);
  });

  it('refuses invalid input and strangers', async () => {
    const consultant = await signedInStaff(server);
    for (const payload of [
      { scope: 'personal', language: 'en', title: '   ', body: 'b' },
      { scope: 'personal', language: 'de', title: 't', body: 'b' },
      { scope: 'team', language: 'en', title: 't', body: 'b' },
      { scope: 'personal', language: 'en', title: 't'.repeat(81), body: 'b' },
    ]) {
      expect((await call(consultant.cookie, 'POST', '/api/canned-answers', payload)).json()).toMatchObject({ code: 'validation_failed' });
    }
    expect((await call(consultant.cookie, 'PUT', '/api/canned-answers/not-an-id', { language: 'en', title: 't', body: 'b' })).statusCode).toBe(404);
    expect((await server.app.server.inject({ method: 'GET', url: '/api/canned-answers' })).statusCode).toBe(401);
  });
});
