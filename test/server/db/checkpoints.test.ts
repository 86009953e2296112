import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKSTOP_PAGES } from '../../../src/server/db/checkpoints';
import { openDatabase, type Database } from '../../../src/server/db/database';

const PAGE = 4096;
/** Above SQLite's own checkpoint mark (1,000 pages), below the backstop. */
const PAGES_WRITTEN = 2_000;

describe('SQLite checkpoints beside the event loop', () => {
  let dir: string;
  let database: Database | undefined;

  afterEach(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function open(): { database: Database; path: string } {
    dir = mkdtempSync(join(tmpdir(), 'ek-checkpoints-'));
    const path = join(dir, 'test.db');
    database = openDatabase(`sqlite:${path}`);
    return { database, path };
  }

  /** Writes PAGES_WRITTEN pages and waits until they are in the database file itself. */
  async function fillAndWaitForCheckpoint(opened: Database, path: string): Promise<void> {
    await opened.ping();
    const connection = opened.sqlite!;
    connection.exec('create table filler (body text)');
    const insert = connection.prepare('insert into filler (body) values (?)');
    for (let i = 0; i < PAGES_WRITTEN; i++) insert.run('x'.repeat(PAGE - 100));
    await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(PAGES_WRITTEN * PAGE), { timeout: 10_000, interval: 50 });
  }

  it('copies the log into the database file while no commit of the server connection checkpoints', async () => {
    const { database, path } = open();
    expect(database.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
    await fillAndWaitForCheckpoint(database, path);
    expect(database.sqlite!.prepare('select count(*) from filler').pluck().get()).toBe(PAGES_WRITTEN);
  });

  it('closes the worker connection with the database: the last one out removes the log', async () => {
    const { database: opened, path } = open();
    await fillAndWaitForCheckpoint(opened, path);
    expect(existsSync(`${path}-wal`)).toBe(true);
    await opened.close();
    database = undefined;
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});
