/**
 * Finding 4: uploads cannot fill the disk. A conversation holds at most FILE_BYTES_PER_CONVERSATION,
 * one client address uploads at most FILE_BYTES_PER_IP_PER_DAY, and each refusal says which.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { serverForSuite, startConversation, type TestServer } from '../support/app';
import { databaseTargets } from '../support/databases';

const KIB = 1024;

function pdfOf(bytes: number): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(bytes, 0x20), Buffer.from('\n%%EOF\n')]);
}

describe.each(databaseTargets)('upload quotas on $engine', (target) => {
  const suiteServer = serverForSuite(target, {
    CONVERSATIONS_PER_MINUTE: '1000',
    MESSAGES_PER_MINUTE: '1000',
    FILE_BYTES_PER_CONVERSATION: String(250 * KIB),
    FILE_BYTES_PER_IP_PER_DAY: String(700 * KIB),
  });
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });

  async function upload(token: string, bytes: number) {
    const body = new FormData();
    body.append('clientId', randomUUID());
    body.append('file', new Blob([new Uint8Array(pdfOf(bytes))], { type: 'application/pdf' }), 'scan.pdf');
    const response = await fetch(`${server.baseUrl}/api/conversations/current/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
    return { status: response.status, code: ((await response.json()) as { code?: string }).code };
  }

  it('refuses a file that would take a conversation over its byte quota, with its own code', async () => {
    const { token } = await startConversation(server);
    expect((await upload(token, 100 * KIB)).status).toBe(201);
    expect((await upload(token, 100 * KIB)).status).toBe(201);
    expect(await upload(token, 100 * KIB)).toEqual({ status: 413, code: 'file_quota_exceeded' });
    expect((await upload(token, 20 * KIB)).status).toBe(201);
  });

  it('refuses uploads from one address beyond its daily quota, in whatever conversation', async () => {
    const codes = [];
    for (let n = 0; n < 4; n++) {
      const { token } = await startConversation(server);
      codes.push((await upload(token, 200 * KIB)).code ?? 'stored');
    }
    expect(codes.at(-1)).toBe('upload_quota_exceeded');
  });
});
