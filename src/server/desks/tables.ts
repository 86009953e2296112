export interface DesksTable {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  created_at: string;
}

export interface DeskTables {
  desks: DesksTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends DeskTables {}
}
