/**
 * The databases integration tests run on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
 * In CI (CI=true) a missing TEST_DATABASE_URL is an error, not a skip.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface DatabaseTarget {
  engine: 'sqlite' | 'postgres';
  /** A fresh, empty database (a temp file, or a new PostgreSQL database) for one test file. */
  create(): Promise<{ url: string; drop(): Promise<void> }>;
}

const postgresUrl = process.env.TEST_DATABASE_URL;

if (!postgresUrl) {
  if (process.env.CI) throw new Error('TEST_DATABASE_URL must be set in CI: the PostgreSQL integration tests may not be skipped.');
  console.warn('[integration] TEST_DATABASE_URL is not set: the PostgreSQL variant is skipped (SQLite still runs).');
}

const sqlite: DatabaseTarget = {
  engine: 'sqlite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'ek-test-'));
    return { url: `sqlite:${join(dir, 'test.db')}`, drop: async () => {} };
  },
};

async function asAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const postgres: DatabaseTarget = {
  engine: 'postgres',
  async create() {
    const name = `ek_test_${randomBytes(6).toString('hex')}`;
    await asAdmin(`create database ${name}`);
    const url = new URL(postgresUrl!);
    url.pathname = `/${name}`;
    return { url: url.toString(), drop: () => asAdmin(`drop database if exists ${name} with (force)`) };
  },
};

export const databaseTargets: DatabaseTarget[] = postgresUrl ? [sqlite, postgres] : [sqlite];
