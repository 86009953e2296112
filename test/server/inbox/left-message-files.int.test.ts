/**
 * Files attached to a left message: checked and cleaned like chat files, stored with the message
 * and its confirmation in one transaction (or nothing is), served to the visitor's private link
 * and to staff only, and deleted with the message; on SQLite and PostgreSQL.
 */
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_LEFT_MESSAGE_FILES, type LeaveMessageRequest, type LeaveMessageResponse, type StaffLeftMessage, type VisitorLeftMessage } from '../../../src/shared/protocol';
import { LeftMessageRepository } from '../../../src/server/inbox/repository';
import { InboxService } from '../../../src/server/inbox/service';
import { RetentionRepository } from '../../../src/server/retention/repository';
import { serverWithSmtpForSuite, signedInStaff, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import type { TestSmtpServer } from '../../support/smtp';
import { html, jpegWithGps, pdf } from '../../fixtures/files/make';

const MAX_BYTES = 64 * 1024;

const message: LeaveMessageRequest = {
  language: 'en',
  topic: 'residence_card',
  body: 'My residence card application, the documents attached.',
  email: 'visitor@example.org',
  consent: true,
};

function form(files: { bytes: Buffer; name: string }[]): FormData {
  const body = new FormData();
  body.append('message', JSON.stringify(message));
  for (const file of files) body.append('files', new Blob([new Uint8Array(file.bytes)], { type: 'application/octet-stream' }), file.name);
  return body;
}

describe.each(databaseTargets)('files of left messages on $engine', (target) => {
  const suite = serverWithSmtpForSuite(target, { LEFT_MESSAGES_PER_HOUR: '1000', LOGINS_PER_MINUTE: '1000', FILE_MAX_BYTES: String(MAX_BYTES) });
  let server: TestServer;
  let smtp: TestSmtpServer;
  beforeEach(() => {
    ({ server, smtp } = suite());
    server.clock.set('2026-01-17T10:00:00Z'); // a Saturday: closed
  });

  const leave = (body: FormData) => fetch(`${server.baseUrl}/api/left-messages`, { method: 'POST', body });
  const asVisitor = (token: string, path = '') => fetch(`${server.baseUrl}/api/left-messages/current${path}`, { headers: { authorization: `Bearer ${token}` } });
  const asStaff = (cookie: string, path: string) => fetch(`${server.baseUrl}/api/inbox${path}`, { headers: { cookie } });
  const counts = async () => {
    const count = async (table: 'left_messages' | 'left_message_files' | 'mail_outbox') =>
      Number((await server.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { messages: await count('left_messages'), files: await count('left_message_files'), mails: await count('mail_outbox') };
  };

  async function leftWithFiles() {
    const response = await leave(form([{ bytes: await jpegWithGps(64, 48), name: 'IMG_0001.JPG' }, { bytes: pdf(), name: 'wniosek.pdf' }]));
    expect(response.status, await response.clone().text()).toBe(201);
    await smtp.nextMail();
    return response.json() as Promise<LeaveMessageResponse>;
  }

  it('stores a photo without its EXIF and a PDF with the message, for the visitor and the desk’s staff', async () => {
    const { token } = await leftWithFiles();
    const visitorView = (await (await asVisitor(token)).json()) as VisitorLeftMessage;
    expect(visitorView.files.map(({ name, contentType }) => ({ name, contentType }))).toEqual([
      { name: 'IMG_0001.jpg', contentType: 'image/jpeg' },
      { name: 'wniosek.pdf', contentType: 'application/pdf' },
    ]);
    const [photo, document] = visitorView.files;

    const served = await asVisitor(token, `/files/${photo!.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    const bytes = Buffer.from(await served.arrayBuffer());
    const metadata = await sharp(bytes).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 48, height: 64 });
    expect(bytes.toString('latin1')).not.toContain('TestCam');

    const { cookie } = await signedInStaff(server);
    const { messages } = (await (await asStaff(cookie, '')).json()) as { messages: StaffLeftMessage[] };
    const listed = messages.find((m) => m.reference === visitorView.reference)!;
    expect(listed.files.map((file) => file.id)).toEqual([photo!.id, document!.id]);
    const staffPdf = await asStaff(cookie, `/${listed.id}/files/${document!.id}`);
    expect(staffPdf.status).toBe(200);
    expect(staffPdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await staffPdf.arrayBuffer())).toEqual(pdf());
  });

  it('refuses HTML named .png, an oversize file and too many files, storing nothing, not even the mail', async () => {
    const before = await counts();
    const refusals = [
      { body: form([{ bytes: pdf(), name: 'ok.pdf' }, { bytes: html, name: 'photo.png' }]), status: 415, code: 'file_type_not_allowed' },
      { body: form([{ bytes: pdf(MAX_BYTES + 1), name: 'big.pdf' }]), status: 413, code: 'file_too_large' },
      {
        body: form(Array.from({ length: MAX_LEFT_MESSAGE_FILES + 1 }, (_, i) => ({ bytes: pdf(), name: `${i}.pdf` }))),
        status: 413,
        code: 'too_many_left_message_files',
      },
    ];
    for (const refusal of refusals) {
      const response = await leave(refusal.body);
      expect({ status: response.status, code: (await response.json()).code }).toEqual({ status: refusal.status, code: refusal.code });
    }
    expect(await counts()).toEqual(before);
    await server.app.mail.settled();
    expect(smtp.pending()).toBe(0);
  });

  it('takes no files when FILES_PER_CONVERSATION turns files off', async () => {
    const inbox = new InboxService({
      repository: new LeftMessageRepository(server.database.db),
      mail: server.app.mail,
      audit: server.app.audit,
      screening: server.app.uploadScreening,
      schedule: server.app.schedule,
      topics: server.app.topics,
      office: server.app.office,
      clock: server.clock,
      publicUrl: 'https://konsultant.urzad.example',
      files: { maxBytes: MAX_BYTES, types: ['application/pdf'], perConversation: 0, bytesPerConversation: 0 },
      reports: server.app.reports,
    });
    const before = await counts();
    await expect(inbox.leave(server.app.desk, message, [{ name: 'a.pdf', bytes: pdf() }])).rejects.toMatchObject({ code: 'too_many_left_message_files' });
    expect(await counts()).toEqual(before);
  });

  it('serves a file to nobody else: another visitor’s token, no token, no staff session', async () => {
    const first = await leftWithFiles();
    const second = await leftWithFiles();
    const fileOfFirst = ((await (await asVisitor(first.token)).json()) as VisitorLeftMessage).files[0]!;
    expect((await asVisitor(second.token, `/files/${fileOfFirst.id}`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/api/left-messages/current/files/${fileOfFirst.id}`)).status).toBe(404);
    const messageId = (await server.database.db.selectFrom('left_message_files').select('left_message_id').where('id', '=', fileOfFirst.id).executeTakeFirstOrThrow()).left_message_id;
    expect((await fetch(`${server.baseUrl}/api/inbox/${messageId}/files/${fileOfFirst.id}`)).status).toBe(401);
  });

  it('deletes the files with their message when retention deletes it', async () => {
    const { token } = await leftWithFiles();
    const { reference } = (await (await asVisitor(token)).json()) as VisitorLeftMessage;
    const { id } = await server.database.db.selectFrom('left_messages').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
    const { cookie } = await signedInStaff(server);
    expect((await fetch(`${server.baseUrl}/api/inbox/${id}/close`, { method: 'POST', headers: { cookie } })).status).toBe(200);
    const filesOf = async () => (await server.database.db.selectFrom('left_message_files').select('id').where('left_message_id', '=', id).execute()).length;
    expect(await filesOf()).toBe(2);
    await new RetentionRepository(server.database.db).deleteLeftMessagesDoneBefore('2099-01-01T00:00:00Z', 100);
    expect(await filesOf()).toBe(0);
  });
});
