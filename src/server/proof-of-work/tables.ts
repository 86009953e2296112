/** The proof of work's tables: the shared signing key, and the challenges whose solutions were taken. */
export interface PowKeysTable {
  /** 'hmac': the one key, when POW_HMAC_KEY is unset. */
  name: string;
  value: string;
  created_at: string;
}

export interface PowSpentTable {
  /** The solved challenge's signature: one solution per challenge. */
  signature: string;
  /** The challenge's end (ISO): after it the row is useless, the signature refused as expired anyway. */
  expires_at: string;
}

export interface ProofOfWorkTables {
  pow_keys: PowKeysTable;
  pow_spent: PowSpentTable;
}

declare module '../db/schema' {
  interface DatabaseSchema extends ProofOfWorkTables {}
}
