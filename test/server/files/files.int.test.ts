import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectStaff, serverForSuite, signedInStaff, startConversation, startServer, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';
import { inspectFile } from '../../../src/server/files/content';
import { heicToJpeg } from '../../../src/server/files/heic';
import { brokenHeic, heicWithGps, html, jpegWithGps, pdf, png, svg } from '../../fixtures/files/make';

const MAX_BYTES = 64 * 1024;
const PER_CONVERSATION = 3;

describe.each(databaseTargets)('files in a conversation on $engine', (target) => {
  const suiteServer = serverForSuite(target, {
    CONVERSATIONS_PER_MINUTE: '1000',
    LOGINS_PER_MINUTE: '1000',
    MESSAGES_PER_MINUTE: '1000',
    FILE_MAX_BYTES: String(MAX_BYTES),
    FILES_PER_CONVERSATION: String(PER_CONVERSATION),
  });
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
    server.clock.set('2026-01-14T11:00:00Z'); // Wednesday 12:00 in Warsaw: open
  });

  /** A visitor's conversation taken by a consultant; the consultant's cookie and the ids. */
  async function takenConversation() {
    const { token } = await startConversation(server);
    const conversation = await server.app.conversations.findByToken(token);
    const staff = await signedInStaff(server);
    await server.app.conversations.take({ kind: 'staff', id: staff.user.id, name: staff.user.name, deskId: staff.user.desk_id }, conversation.id);
    return { token, conversationId: conversation.id, staff };
  }

  function form(bytes: Buffer, name: string, clientId: string = randomUUID(), declaredType = 'application/octet-stream') {
    const body = new FormData();
    body.append('clientId', clientId);
    body.append('file', new Blob([new Uint8Array(bytes)], { type: declaredType }), name);
    return body;
  }

  const visitorUpload = (token: string, body: FormData) =>
    fetch(`${server.baseUrl}/api/conversations/current/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });

  const staffUpload = (cookie: string, conversationId: string, body: FormData) =>
    fetch(`${server.baseUrl}/api/staff/conversations/${conversationId}/files`, { method: 'POST', headers: { cookie }, body });

  const visitorGet = (token: string, path: string) => fetch(`${server.baseUrl}/api/conversations/current/files/${path}`, { headers: { authorization: `Bearer ${token}` } });
  const staffGet = (cookie: string, path: string) => fetch(`${server.baseUrl}/api/staff/files/${path}`, { headers: { cookie } });

  async function uploaded(response: Response) {
    expect(response.status, await response.clone().text()).toBe(201);
    const { message } = await response.json();
    return message;
  }

  async function refusal(response: Response) {
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    return { status: response.status, code: (await response.json()).code };
  }

  it('strips EXIF and GPS from a photo, turns it upright, and makes a thumbnail', async () => {
    const { token, staff } = await takenConversation();
    const original = await jpegWithGps(64, 48);
    expect((await sharp(original).metadata()).exif?.toString('latin1')).toContain('TestCam');

    const message = await uploaded(await visitorUpload(token, form(original, 'IMG_0001.JPG', randomUUID(), 'image/jpeg')));
    expect(message).toMatchObject({ author: 'visitor', body: '', attachment: { name: 'IMG_0001.jpg', contentType: 'image/jpeg', width: 48, height: 64 } });

    const served = await staffGet(staff.cookie, message.attachment.id);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes).toHaveLength(message.attachment.size);
    const metadata = await sharp(bytes).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 48, height: 64 });
    expect(metadata.orientation ?? 1).toBe(1);
    expect(bytes.toString('latin1')).not.toContain('TestCam');

    const thumbnail = await visitorGet(token, `${message.attachment.id}/thumbnail`);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    expect(thumbnail.headers.get('content-disposition')).toMatch(/^inline;/);
    expect((await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).exif).toBeUndefined();
  });

  it('takes an iPhone HEIC photo as a JPEG with a thumbnail, without its EXIF and GPS', async () => {
    const { token, staff } = await takenConversation();
    expect((await sharp(heicWithGps).metadata()).exif?.toString('latin1')).toContain('TestCam');

    const message = await uploaded(await visitorUpload(token, form(heicWithGps, 'IMG_4032.HEIC', randomUUID(), 'image/heic')));
    expect(message.attachment).toMatchObject({ name: 'IMG_4032.jpg', contentType: 'image/jpeg', width: 96, height: 64 });

    const bytes = Buffer.from(await (await staffGet(staff.cookie, message.attachment.id)).arrayBuffer());
    const metadata = await sharp(bytes).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 96, height: 64 });
    expect(metadata.exif).toBeUndefined();
    expect(bytes.toString('latin1')).not.toContain('TestCam');
    const thumbnail = await visitorGet(token, `${message.attachment.id}/thumbnail`);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    const thumbnailMetadata = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect([thumbnailMetadata.width, thumbnailMetadata.height, thumbnailMetadata.exif]).toEqual([96, 64, undefined]);
  });

  it('refuses a damaged HEIC as unreadable, storing nothing', async () => {
    const { token } = await takenConversation();
    expect(await refusal(await visitorUpload(token, form(brokenHeic, 'IMG_4033.heic', randomUUID(), 'image/heic')))).toEqual({ status: 422, code: 'file_unreadable' });
    expect((await server.app.conversations.findByToken(token)).last_seq).toBe(2);
    // Converted to JPEG, so an office that takes no JPEG takes no HEIC either.
    await expect(inspectFile(heicWithGps, ['image/png', 'application/pdf'])).rejects.toMatchObject({ code: 'file_type_not_allowed' });
  });

  it('refuses a HEIC whose conversion does not end in time, and the conversions queued after it still run', async () => {
    // A millisecond is less than any worker takes to start: the stand-in for a decoder that hangs.
    const hung = heicToJpeg(heicWithGps, 100_000_000, 1);
    const next = heicToJpeg(heicWithGps, 100_000_000);
    await expect(hung).rejects.toMatchObject({ code: 'file_unreadable' });
    expect((await sharp(await next).metadata()).format).toBe('jpeg');
  });

  it('serves a PDF as a download that nothing can run in, to the visitor and to staff of the desk', async () => {
    const { token, staff } = await takenConversation();
    const message = await uploaded(await visitorUpload(token, form(pdf(), 'Decyzja wojewody – 2026.pdf')));
    expect(message.attachment).toMatchObject({ contentType: 'application/pdf', width: null, height: null, name: 'Decyzja wojewody – 2026.pdf' });

    for (const response of [await visitorGet(token, message.attachment.id), await staffGet(staff.cookie, message.attachment.id)]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('cache-control')).toContain('private');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="Decyzja wojewody _ 2026.pdf"; filename*=UTF-8''Decyzja%20wojewody%20%E2%80%93%202026.pdf`,
      );
      expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf());
    }
    expect((await visitorGet(token, `${message.attachment.id}/thumbnail`)).status).toBe(404);
  });

  it('takes a PDF named .jpg as the PDF it is', async () => {
    const { token } = await takenConversation();
    const message = await uploaded(await visitorUpload(token, form(pdf(), 'scan.jpg', randomUUID(), 'image/jpeg')));
    expect(message.attachment).toMatchObject({ contentType: 'application/pdf', name: 'scan.pdf' });
    const served = await visitorGet(token, message.attachment.id);
    expect(served.headers.get('content-type')).toBe('application/pdf');
  });

  it('refuses HTML named .png and SVG, whatever they are called or declared as', async () => {
    const { token } = await takenConversation();
    expect(await refusal(await visitorUpload(token, form(html, 'photo.png', randomUUID(), 'image/png')))).toEqual({ status: 415, code: 'file_type_not_allowed' });
    expect(await refusal(await visitorUpload(token, form(svg, 'logo.svg', randomUUID(), 'image/svg+xml')))).toEqual({ status: 415, code: 'file_type_not_allowed' });
    expect(await refusal(await visitorUpload(token, form(svg, 'logo.jpg', randomUUID(), 'image/jpeg')))).toEqual({ status: 415, code: 'file_type_not_allowed' });
    const conversation = await server.app.conversations.findByToken(token);
    expect(conversation.last_seq).toBe(2); // started, consultant joined: nothing was stored
  });

  it('refuses a file over FILE_MAX_BYTES and a damaged image', async () => {
    const { token } = await takenConversation();
    expect(await refusal(await visitorUpload(token, form(pdf(MAX_BYTES + 1), 'big.pdf')))).toEqual({ status: 413, code: 'file_too_large' });
    const truncated = (await png(400, 400)).subarray(0, 200);
    expect(await refusal(await visitorUpload(token, form(truncated, 'broken.png')))).toEqual({ status: 422, code: 'file_unreadable' });
    expect(await uploaded(await visitorUpload(token, form(pdf(MAX_BYTES), 'just-fits.pdf')))).toMatchObject({ attachment: { size: MAX_BYTES } });
  });

  it('keeps only the last segment of a path-like name, and stores nothing under it', async () => {
    const { token } = await takenConversation();
    const message = await uploaded(await visitorUpload(token, form(pdf(), '../../etc/passwd')));
    expect(message.attachment.name).toBe('passwd.pdf');
    expect(message.attachment.id).toMatch(/^[0-9a-f-]{36}$/);
    const windows = await uploaded(await visitorUpload(token, form(pdf(), '..\\..\\Windows\\win.ini\u202egnp.pdf')));
    expect(windows.attachment.name).toBe('win.inignp.pdf');
  });

  it('answers another visitor, a wrong id and a path with the same 404', async () => {
    const { token } = await takenConversation();
    const other = await startConversation(server);
    const message = await uploaded(await visitorUpload(token, form(pdf(), 'mine.pdf')));
    for (const [who, path] of [
      [other.token, message.attachment.id],
      [other.token, `${message.attachment.id}/thumbnail`],
      [token, randomUUID()],
      [token, '..%2F..%2Fetc%2Fpasswd'],
      [token, '%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
    ] as const) {
      const response = await visitorGet(who, path);
      expect(await refusal(response), path).toEqual({ status: 404, code: 'file_not_found' });
    }
    expect((await visitorGet('not-a-real-token-but-long-enough', message.attachment.id)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/api/conversations/current/files/${message.attachment.id}`)).status).toBe(404);
  });

  it('lets the assignee and supervisors read a file, not other consultants nor anybody without a session', async () => {
    const { token, staff } = await takenConversation();
    const message = await uploaded(await visitorUpload(token, form(pdf(), 'a.pdf')));
    expect((await staffGet(staff.cookie, message.attachment.id)).status).toBe(200);
    const supervisor = await signedInStaff(server, { role: 'supervisor' });
    expect((await staffGet(supervisor.cookie, message.attachment.id)).status).toBe(200);
    const colleague = await signedInStaff(server);
    expect(await refusal(await staffGet(colleague.cookie, message.attachment.id))).toEqual({ status: 403, code: 'not_assigned' });
    expect(await refusal(await fetch(`${server.baseUrl}/api/staff/files/${message.attachment.id}`))).toEqual({ status: 401, code: 'unauthenticated' });
  });

  it('delivers the file message to the consultant live, and the consultant can send one back', async () => {
    const { token, conversationId, staff } = await takenConversation();
    const { socket } = await connectStaff(server, staff.cookie);
    try {
      const message = await uploaded(await visitorUpload(token, form(await png(), 'map.png')));
      const live = await socket.next('message', (frame) => frame.message.seq === message.seq);
      expect(live.message.attachment).toEqual(message.attachment);

      const reply = await uploaded(await staffUpload(staff.cookie, conversationId, form(pdf(), 'form.pdf')));
      expect(reply).toMatchObject({ author: 'staff', authorName: staff.user.name, attachment: { contentType: 'application/pdf' } });
      expect((await visitorGet(token, reply.attachment.id)).status).toBe(200);

      const colleague = await signedInStaff(server);
      expect(await refusal(await staffUpload(colleague.cookie, conversationId, form(pdf(), 'x.pdf')))).toEqual({ status: 403, code: 'not_assigned' });
    } finally {
      socket.socket.close();
    }
  });

  it('stores a retried upload once (same client id) and limits files per conversation', async () => {
    const { token, conversationId } = await takenConversation();
    const clientId = randomUUID();
    const first = await uploaded(await visitorUpload(token, form(pdf(), 'one.pdf', clientId)));
    const retried = await visitorUpload(token, form(pdf(), 'one.pdf', clientId));
    expect(retried.status).toBe(200);
    expect((await retried.json()).message).toEqual(first);

    for (let i = 1; i < PER_CONVERSATION; i++) await uploaded(await visitorUpload(token, form(pdf(), `${i}.pdf`)));
    expect(await refusal(await visitorUpload(token, form(pdf(), 'over.pdf')))).toEqual({ status: 409, code: 'too_many_files' });
    const history = await server.app.conversations.messagesAfter(conversationId, 0);
    expect(history.filter((message) => message.attachment)).toHaveLength(PER_CONVERSATION);
  });

  it('keeps the limit under concurrent uploads', async () => {
    const { token, conversationId } = await takenConversation();
    const responses = await Promise.all(Array.from({ length: PER_CONVERSATION + 3 }, (_, i) => visitorUpload(token, form(pdf(), `${i}.pdf`))));
    expect(responses.filter((response) => response.status === 201)).toHaveLength(PER_CONVERSATION);
    const history = await server.app.conversations.messagesAfter(conversationId, 0);
    expect(history.filter((message) => message.attachment)).toHaveLength(PER_CONVERSATION);
  });

  it('counts a file as a message of its sender for the rate limit', async () => {
    const database = await target.create();
    const limited = await startServer(database.url, { MESSAGES_PER_MINUTE: '2', CONVERSATIONS_PER_MINUTE: '1000' });
    try {
      limited.clock.set('2026-01-14T11:00:00Z');
      const { token } = await startConversation(limited);
      const upload = () =>
        fetch(`${limited.baseUrl}/api/conversations/current/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form(pdf(), 'a.pdf') });
      const statuses = [(await upload()).status, (await upload()).status];
      const third = await upload();
      expect(statuses).toEqual([201, 201]);
      expect(await refusal(third)).toEqual({ status: 429, code: 'rate_limited' });
    } finally {
      await limited.close();
      await database.drop();
    }
  });

  it('refuses uploads into a closed conversation and requests that are not a file', async () => {
    const { token, conversationId } = await takenConversation();
    expect(await refusal(await visitorUpload(token, new FormData()))).toMatchObject({ status: 400, code: 'validation_failed' });
    const noClientId = new FormData();
    noClientId.append('file', new Blob([new Uint8Array(pdf())]), 'a.pdf');
    expect(await refusal(await visitorUpload(token, noClientId))).toMatchObject({ status: 400, code: 'validation_failed' });
    await server.app.conversations.endByVisitor(conversationId);
    expect(await refusal(await visitorUpload(token, form(pdf(), 'late.pdf')))).toEqual({ status: 409, code: 'conversation_closed' });
  });
});
