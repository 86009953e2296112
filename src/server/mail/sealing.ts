/**
 * The private link's token in a stored mail (finding 9): the outbox keeps the mail with a
 * placeholder where the token was and the token itself sealed with AES-256-GCM under
 * OUTBOX_SEALING_KEY, so a copy of the database (a backup, a dump) holds no working link; the token
 * is put back only in the moment of sending.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export const SECRET_PLACEHOLDER = '{{private-link-token}}';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretSealer {
  private readonly key: Buffer;

  /** `keyMaterial`: OUTBOX_SEALING_KEY; any length, hashed to the AES key. */
  constructor(keyMaterial: string) {
    this.key = createHash('sha256').update(`e-konsultant outbox\0${keyMaterial}`).digest();
  }

  seal(secret: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
  }

  /** Throws when the sealed text was changed or sealed under another key. */
  open(sealed: string): string {
    const bytes = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
