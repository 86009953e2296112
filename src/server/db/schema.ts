/**
 * The whole database as Kysely sees it. Each domain declares its own tables in its tables.ts and
 * adds them here by declaration merging, so a new domain does not edit this file:
 *
 *     declare module '../db/schema' {
 *       interface DatabaseSchema extends MyTables {}
 *     }
 */
export interface DatabaseSchema {}
