/**
 * Finding 4, the global guard: uploads stop with `storage_full` (and a message in the visitor's
 * language) while the data's volume has less than UPLOAD_MIN_FREE_BYTES free, before the bytes are
 * read; writing without a file goes on. The guard asks the real file system (statfs): a minimum
 * larger than any disk stands for a full one.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { translator } from '../../src/server/i18n';
import { UI_LANGUAGES } from '../../src/shared/languages';
import { pdf } from '../fixtures/files/make';
import { serverForSuite, startConversation } from '../support/app';
import { databaseTargets } from '../support/databases';

/** 4 PiB: no test machine's disk has that much free. */
const MORE_THAN_ANY_DISK = String(4 * 1024 ** 5);

describe.each(databaseTargets)('free-space guard on $engine', (target) => {
  const suiteServer = serverForSuite(target, { UPLOAD_MIN_FREE_BYTES: MORE_THAN_ANY_DISK, LEFT_MESSAGES_PER_HOUR: '1000' });

  it('refuses a chat upload and a left message’s files with storage_full, but still takes the text', async () => {
    const server = suiteServer();
    server.clock.set('2026-01-14T11:00:00Z'); // open
    const { token } = await startConversation(server);
    const body = new FormData();
    body.append('clientId', randomUUID());
    body.append('file', new Blob([new Uint8Array(pdf())]), 'letter.pdf');
    const upload = await fetch(`${server.baseUrl}/api/conversations/current/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
    expect([upload.status, ((await upload.json()) as { code: string }).code]).toEqual([507, 'storage_full']);

    server.clock.set('2026-01-17T10:00:00Z'); // a Saturday: messages are taken
    const message = { language: 'en', topic: 'work', body: 'My documents, attached.', email: 'visitor@example.org', consent: true };
    const form = new FormData();
    form.append('message', JSON.stringify(message));
    form.append('files', new Blob([new Uint8Array(pdf())], { type: 'application/pdf' }), 'scan.pdf');
    const withFile = await fetch(`${server.baseUrl}/api/left-messages`, { method: 'POST', body: form });
    expect([withFile.status, ((await withFile.json()) as { code: string }).code]).toEqual([507, 'storage_full']);
    const textOnly = await server.app.server.inject({ method: 'POST', url: '/api/left-messages', payload: message });
    expect(textOnly.statusCode).toBe(201);
  });
});

describe('free-space configuration', () => {
  it('watches the SQLite file’s folder by default, 1 GiB, and FREE_SPACE_PATH when given', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/var/lib/e-konsultant/desk.db' }).files).toMatchObject({ freeSpacePath: '/var/lib/e-konsultant', minFreeBytes: 1024 ** 3 });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/desk', FREE_SPACE_PATH: '/srv/pgdata' }).files.freeSpacePath).toBe('/srv/pgdata');
  });

  it('words storage_full in every visitor language', () => {
    const english = translator('en')('errors.storage_full');
    for (const language of UI_LANGUAGES.filter((language) => language !== 'en')) expect(translator(language)('errors.storage_full'), language).not.toBe(english);
  });
});
