/**
 * The one live way to take a conversation to another device: its case code and its QR link's
 * secret, both as SHA-256 like every key. Used once (the row is deleted), replaced when the
 * visitor asks again, deleted with the conversation.
 */
export interface CaseCodesTable {
  conversation_id: string;
  code_hash: string;
  secret_hash: string;
  issued_at: string;
}

export interface HandoffTables {
  case_codes: CaseCodesTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends HandoffTables {}
}
