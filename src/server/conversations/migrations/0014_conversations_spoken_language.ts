import type { Kysely } from 'kysely';

/**
 * The language a visitor speaks when it is not one the interface offers ("my language is not
 * listed"): routing prefers staff who speak it or interpret it, and the supervisor sees it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversations').addColumn('spoken_language', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversations').dropColumn('spoken_language').execute();
}
