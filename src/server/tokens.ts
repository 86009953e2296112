import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: the visitor's only key to their conversation. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256, so a copy of the database opens no conversation. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
