/**
 * `npm start` runs the bundle of scripts/build-server.ts with plain Node, not the TypeScript
 * sources: the bundle must start on its own, migrate a fresh database and serve the API, and start
 * from the code cache the build wrote.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/build-server';
import { BUNDLE_NAME, compileBundle } from '../../src/server/boot/code-cache';
import { ALWAYS_OPEN } from '../../e2e/support/server';
import { png } from '../fixtures/files/make';
import { launchServer, REPO_ROOT, type ServerProcess } from '../support/launcher';

describe('the compiled server', () => {
  let outDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    // Inside the repository, so the bundle finds the packages it leaves external in node_modules.
    mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true });
    outDir = mkdtempSync(join(REPO_ROOT, 'dist', '.server-test-'));
    const script = await buildServer(outDir);
    server = await launchServer({ script, env: { ...ALWAYS_OPEN, UPLOAD_MIN_FREE_BYTES: '0' } });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('runs with plain Node: healthy, a visitor can start a conversation, take its transcript as PDF and send a photo', async () => {
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    const started = await fetch(`${server.baseUrl}/api/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'pl', topic: 'work', privacyAccepted: true }),
    });
    expect(started.status).toBe(201);
    const { token } = (await started.json()) as { token: string };
    expect(token).toEqual(expect.any(String));
    // pdfkit stays outside the bundle (it reads its own files), and the font is found from it too.
    const pdf = await fetch(`${server.baseUrl}/api/conversations/current/transcript.pdf`, { headers: { authorization: `Bearer ${token}` } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // file-type and sharp, the bundle's other packages loaded on first use, recognise and measure an image.
    const upload = new FormData();
    upload.append('clientId', randomUUID());
    upload.append('file', new Blob([new Uint8Array(await png(40, 30))], { type: 'application/octet-stream' }), 'photo');
    const image = await fetch(`${server.baseUrl}/api/conversations/current/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: upload });
    expect((await image.json()).message.attachment).toMatchObject({ contentType: 'image/png', width: 40, height: 30 });
  });

  it('comes with the code cache of a start, written by the build, that this Node accepts', () => {
    expect(compileBundle(join(outDir, BUNDLE_NAME)).cache).toBe('used');
  });
});
