import type { Kysely, Migration } from 'kysely';

/** Which waiting conversations were offered a left message or a booking (src/server/closing). */
const offers: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('closing_offers')
      .addColumn('conversation_id', 'text', (c) => c.primaryKey().references('conversations.id').onDelete('cascade'))
      .addColumn('offered_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('closing_offers').execute();
  },
};

export const closingMigrations: Record<string, Migration> = { '0015_closing_offers': offers };
