/**
 * The database: SQLite (embedded default, a file under ./data) or PostgreSQL, chosen by the URL in
 * one place. Everything above this module speaks Kysely and cannot tell the two apart.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration, type SqliteDatabase } from 'kysely';
import { createRequire } from 'node:module';
import type pg from 'pg';
import * as initial from './migrations/0001_initial';
import * as schedule from './migrations/0002_schedule';
import * as staffProfileAndAudit from './migrations/0003_staff_profile_and_audit';
import * as routing from './migrations/0004_routing';
import * as consoleTools from './migrations/0005_console';
import * as participants from './migrations/0006_participants';
import * as leftMessages from './migrations/0007_left_messages';
import * as files from './migrations/0009_files';
import * as bookings from './migrations/0008_bookings';
import * as admin from './migrations/0010_admin';
import * as calls from './migrations/0011_calls';
import * as bookingJoinOnce from './migrations/0012_booking_join_once';
import * as leftMessageFiles from './migrations/0013_left_message_files';
import { checkpointInBackground, type Checkpointer } from './checkpoints';
import type { DatabaseSchema } from './schema';

export type Engine = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<DatabaseSchema>;
  readonly engine: Engine;
  /**
   * The SQLite connection under `db`, for the one hot path that runs its statements synchronously
   * (the message append); only while holding Kysely's connection (`db.connection()`).
   */
  readonly sqlite?: SQLite.Database;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_schedule': schedule,
  '0003_staff_profile_and_audit': staffProfileAndAudit,
  '0004_routing': routing,
  '0005_console': consoleTools,
  '0006_participants': participants,
  '0007_left_messages': leftMessages,
  '0008_bookings': bookings,
  '0009_files': files,
  '0010_admin': admin,
  '0011_calls': calls,
  '0012_booking_join_once': bookingJoinOnce,
  '0013_left_message_files': leftMessageFiles,
};

function openSqlite(path: string): { db: Kysely<DatabaseSchema>; sqlite: SQLite.Database; checkpointer?: Checkpointer } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const connection = new SQLite(path);
  // WAL lets readers run beside the writer; NORMAL syncs at checkpoints, which survives a process
  // crash (every acknowledged message is committed) though not a power cut in the last moments.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
  return { db, sqlite: connection, checkpointer: path === ':memory:' ? undefined : checkpointInBackground(connection, path) };
}

/** Distinct SQL texts kept prepared; our queries are a few dozen shapes, so this is never reached in practice. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every statement it runs; preparing costs about as much as running a small
 * write. Our queries repeat the same few SQL texts, so each is prepared once. Reuse is safe: the
 * driver runs statements synchronously to completion (`all`/`run`), one at a time.
 */
function withStatementCache(connection: SQLite.Database): SqliteDatabase {
  const prepared = new Map<string, SQLite.Statement>();
  return {
    close: () => connection.close(),
    prepare(sqlText: string) {
      let statement = prepared.get(sqlText);
      if (!statement) {
        statement = connection.prepare(sqlText);
        if (prepared.size >= STATEMENT_CACHE_SIZE) prepared.delete(prepared.keys().next().value!);
        prepared.set(sqlText, statement);
      }
      return statement;
    },
  };
}

function openPostgres(url: string, poolSize: number): Kysely<DatabaseSchema> {
  // Loaded only for PostgreSQL: a SQLite instance starts without it.
  const { Pool } = createRequire(import.meta.url)('pg') as typeof pg;
  const pool = new Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // A database restart ends every connection, and pg reports it as an 'error' event: through the
  // pool for an idle client, on the client itself for one that is checked out (a query or a
  // transaction under way). Unheard, either ends the process. The query fails on its own (the
  // sender gets internal_error and resends), and the pool discards the broken client.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
}

/** `poolSize`: PostgreSQL connections at most (SQLite has one). */
export function openDatabase(url: string, poolSize = 10): Database {
  const engine: Engine = url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
  const { db, sqlite, checkpointer } = engine === 'sqlite' ? openSqlite(url.slice('sqlite:'.length)) : { db: openPostgres(url, poolSize), sqlite: undefined };
  return {
    db,
    engine,
    sqlite,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * Runs the migrations of db/migrations and those the server modules bring (`moduleMigrations` of
 * modules.ts), all in the order of their names.
 */
export async function migrateToLatest(db: Kysely<DatabaseSchema>, moduleMigrations: Record<string, Migration>): Promise<void> {
  const clash = Object.keys(moduleMigrations).find((name) => name in MIGRATIONS);
  if (clash) throw new Error(`Database migration ${clash} is defined twice`);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS, ...moduleMigrations }) } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
