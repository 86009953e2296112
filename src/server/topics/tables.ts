export interface TopicsTable {
  desk_id: string;
  /** Stable id, e.g. `work`: stored on conversations; `topics.<id>` in the locale files for the seeded ones. */
  id: string;
  /** JSON object: the topic's name per visitor language, e.g. {"pl":"Praca","en":"Work"}. */
  names: string;
  /** Ascending: the order visitors and staff see. */
  position: number;
  /** 1 offered to visitors, 0 kept only for older conversations (an integer on both engines). */
  active: number;
  updated_at: string;
}

export interface TopicTables {
  topics: TopicsTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends TopicTables {}
}
