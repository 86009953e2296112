import { randomInt } from 'node:crypto';
import { formatReadableCode, READABLE_ALPHABET, READABLE_CODE_GROUPS, READABLE_GROUP_LENGTH } from '../shared/readable-code';

/** A random readable code, e.g. EK-7K3Q-9PXD: 31^8 ≈ 8.5·10^11 possibilities. */
export function newReadableCode(): string {
  const length = READABLE_CODE_GROUPS * READABLE_GROUP_LENGTH;
  return formatReadableCode(Array.from({ length }, () => READABLE_ALPHABET[randomInt(READABLE_ALPHABET.length)]).join(''));
}
