import type { Kysely, Migration } from 'kysely';

const visitorBlocks: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('visitor_blocks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
      .addColumn('device_hash', 'text')
      .addColumn('network_hash', 'text')
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('staff_name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('until', 'text', (c) => c.notNull())
      .addColumn('lifted_at', 'text')
      .execute();
    await db.schema.createIndex('visitor_blocks_network').on('visitor_blocks').columns(['desk_id', 'network_hash', 'until']).execute();
    await db.schema.createIndex('visitor_blocks_device').on('visitor_blocks').columns(['desk_id', 'device_hash', 'until']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('visitor_blocks').execute();
  },
};

export const blockMigrations: Record<string, Migration> = { '0019_visitor_blocks': visitorBlocks };
