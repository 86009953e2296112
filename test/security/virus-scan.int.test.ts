/**
 * Uploads pass a real clamd (started by the test with a one-line signature database, see
 * test/support/clamd.ts) before staff see them: the EICAR test file is refused and audited, a
 * clean file is shown once scanned, and while clamd is down a visitor's file waits as pending —
 * shown to no one — until clamd is back; on SQLite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LeaveMessageResponse, StaffLeftMessage } from '../../src/shared/protocol';
import { pdf } from '../fixtures/files/make';
import { serverForSuite, signedInStaff, startConversation, type TestServer } from '../support/app';
import { clamdBinary, infectedPdf, startClamd, type TestClamd } from '../support/clamd';
import { databaseTargets } from '../support/databases';

/** A Wednesday noon in Warsaw: the desk is open. */
const OPEN = '2026-01-14T11:00:00Z';
/** The test clamd's StreamMaxLength: every other test's file is far smaller. */
const STREAM_MAX_KB = 64;

describe.skipIf(!clamdBinary).each(databaseTargets)('virus scanning of uploads with a real clamd on $engine', (target) => {
  let clamd: TestClamd;
  beforeAll(async () => {
    clamd = await startClamd({ streamMaxLength: `${STREAM_MAX_KB}K` });
  }, 90_000);
  afterAll(async () => {
    await clamd?.close();
  });
  // The rescan job would run on its own timer: the tests run it when they mean to.
  const suite = serverForSuite(target, () => ({ CLAMAV_URL: clamd.url, CLAMAV_RETRY_SECONDS: '3600', CONVERSATIONS_PER_MINUTE: '1000', MESSAGES_PER_MINUTE: '1000', LEFT_MESSAGES_PER_HOUR: '1000', LOGINS_PER_MINUTE: '1000' }));
  let server: TestServer;
  let staff: { cookie: string };
  beforeEach(async () => {
    server = suite();
    server.clock.set(OPEN);
    staff ??= await signedInStaff(server, { role: 'supervisor', languages: ['en'] });
  });

  async function upload(token: string, bytes: Buffer, clientId = randomUUID()) {
    const body = new FormData();
    body.append('clientId', clientId);
    body.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'scan.pdf');
    const response = await fetch(`${server.baseUrl}/api/conversations/current/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
    return { status: response.status, body: (await response.json()) as { code?: string; pending?: true; message?: { attachment: { id: string } | null } } };
  }
  const staffFile = (fileId: string) => fetch(`${server.baseUrl}/api/staff/files/${fileId}`, { headers: { cookie: staff.cookie } });
  const filesOf = (conversationId: string) => server.database.db.selectFrom('files').where('conversation_id', '=', conversationId).select(['id', 'scan_status']).execute();
  const attachmentsOf = async (conversationId: string) =>
    (await server.database.db.selectFrom('messages').where('conversation_id', '=', conversationId).where('attachment_id', 'is not', null).select('attachment_id').execute()).map((row) => row.attachment_id);
  const infectedAudits = async (targetId: string) =>
    server.database.db.selectFrom('audit_log').where('action', '=', 'file.infected').where('target_id', '=', targetId).select(['detail']).execute();
  const conversationIdOf = async (token: string) => (await server.app.conversations.findByToken(token)).id;

  it('refuses the EICAR file with file_infected: nothing stored, nothing for staff, the refusal audited', async () => {
    const { token } = await startConversation(server);
    const conversationId = await conversationIdOf(token);
    expect(await upload(token, infectedPdf())).toEqual({ status: 422, body: expect.objectContaining({ code: 'file_infected' }) });
    expect(await filesOf(conversationId)).toEqual([]);
    expect(await attachmentsOf(conversationId)).toEqual([]);
    const audits = await infectedAudits(conversationId);
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0]!.detail)).toContain('Eicar-Test-Signature');
  });

  it('shows a clean file to staff once clamd has scanned it', async () => {
    const { token } = await startConversation(server);
    const conversationId = await conversationIdOf(token);
    const stored = await upload(token, pdf());
    expect(stored.status).toBe(201);
    const fileId = stored.body.message!.attachment!.id;
    expect(await filesOf(conversationId)).toEqual([{ id: fileId, scan_status: 'clean' }]);
    expect((await staffFile(fileId)).status).toBe(200);
  });

  it('keeps a file pending while clamd is down — shown to no one, a retry stores nothing more — and posts it once clamd is back and finds it clean', async () => {
    const { token } = await startConversation(server);
    const conversationId = await conversationIdOf(token);
    await clamd.stop();
    try {
      const clientId = randomUUID();
      expect(await upload(token, pdf(), clientId)).toEqual({ status: 202, body: { pending: true } });
      expect(await upload(token, pdf(), clientId)).toEqual({ status: 202, body: { pending: true } });
      const [pending, ...more] = await filesOf(conversationId);
      expect(more).toEqual([]);
      expect(pending!.scan_status).toBe('pending');
      expect(await attachmentsOf(conversationId)).toEqual([]);
      expect((await staffFile(pending!.id)).status).toBe(404);
      // Still down: the job leaves it pending.
      await server.app.files.scanPending(server.app.desk);
      expect(await filesOf(conversationId)).toEqual([{ id: pending!.id, scan_status: 'pending' }]);
    } finally {
      await clamd.start();
    }
    await server.app.files.scanPending(server.app.desk);
    const [clean] = await filesOf(conversationId);
    expect(clean!.scan_status).toBe('clean');
    expect(await attachmentsOf(conversationId)).toEqual([clean!.id]);
    expect((await staffFile(clean!.id)).status).toBe(200);
  });

  it('deletes and audits a pending file that clamd, once back, finds infected', async () => {
    const { token } = await startConversation(server);
    const conversationId = await conversationIdOf(token);
    await clamd.stop();
    try {
      expect((await upload(token, infectedPdf())).status).toBe(202);
    } finally {
      await clamd.start();
    }
    await server.app.files.scanPending(server.app.desk);
    expect(await filesOf(conversationId)).toEqual([]);
    expect(await attachmentsOf(conversationId)).toEqual([]);
    expect(await infectedAudits(conversationId)).toHaveLength(1);
  });

  it('refuses a file larger than clamd will check as unreadable, and a pending one no longer holds back the files after it', async () => {
    const { token } = await startConversation(server);
    const conversationId = await conversationIdOf(token);
    const tooLong = pdf((STREAM_MAX_KB + 16) * 1024);
    expect(await upload(token, tooLong)).toEqual({ status: 422, body: expect.objectContaining({ code: 'file_unreadable' }) });
    expect(await filesOf(conversationId)).toEqual([]);

    await clamd.stop();
    try {
      expect((await upload(token, tooLong)).status).toBe(202);
      server.clock.advance(1000);
      expect((await upload(token, pdf())).status).toBe(202);
    } finally {
      await clamd.start();
    }
    await server.app.files.scanPending(server.app.desk);
    const [clean, ...more] = await filesOf(conversationId);
    expect(more).toEqual([]);
    expect(clean!.scan_status).toBe('clean');
    expect(await attachmentsOf(conversationId)).toEqual([clean!.id]);
  });

  describe('files of left messages', () => {
    const leave = (files: Buffer[]) => {
      const body = new FormData();
      body.append('message', JSON.stringify({ language: 'en', topic: 'work', body: `Documents attached ${randomUUID()}`, consent: true }));
      for (const bytes of files) body.append('files', new Blob([new Uint8Array(bytes)]), 'document.pdf');
      return fetch(`${server.baseUrl}/api/left-messages`, { method: 'POST', body });
    };
    const staffView = async (reference: string) => {
      const response = await fetch(`${server.baseUrl}/api/inbox`, { headers: { cookie: staff.cookie } });
      const { messages } = (await response.json()) as { messages: StaffLeftMessage[] };
      return messages.find((message) => message.reference === reference)!;
    };

    it('refuses a message carrying the EICAR file, storing none of it', async () => {
      const before = await server.database.db.selectFrom('left_messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const response = await leave([pdf(), infectedPdf()]);
      expect(response.status).toBe(422);
      expect(((await response.json()) as { code: string }).code).toBe('file_infected');
      const after = await server.database.db.selectFrom('left_messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('stores the files as pending while clamd is down, tells the visitor, and shows them to staff once clean', async () => {
      await clamd.stop();
      let receipt: LeaveMessageResponse;
      try {
        const response = await leave([pdf()]);
        expect(response.status).toBe(201);
        receipt = (await response.json()) as LeaveMessageResponse;
        expect(receipt.filesChecking).toBe(true);
        expect((await staffView(receipt.reference)).files).toEqual([]);
      } finally {
        await clamd.start();
      }
      await server.app.inbox.scanPendingFiles(server.app.desk.id);
      const shown = await staffView(receipt.reference);
      expect(shown.files).toHaveLength(1);
      const download = await fetch(`${server.baseUrl}/api/inbox/${shown.id}/files/${shown.files[0]!.id}`, { headers: { cookie: staff.cookie } });
      expect(download.status).toBe(200);
    });
  });
});
