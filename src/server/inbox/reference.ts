import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function group(): string {
  return Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** A left message's human reference, e.g. EK-7K3Q-9PXD: 31^8 ≈ 8.5·10^11 possibilities. */
export function newReference(): string {
  return `EK-${group()}-${group()}`;
}
