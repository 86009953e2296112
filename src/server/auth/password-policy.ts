/**
 * Which new staff passwords are accepted (ASVS V2.1.1, V2.1.7): at least MIN_PASSWORD_LENGTH
 * characters, and not a common or breached password. The list is the 49,233 passwords of the
 * zxcvbn-ts common dictionary (`@zxcvbn-ts/language-common`, MIT licence), ranked from leaked
 * password corpora; it ships with the package, so nothing is asked of an outside service.
 * Most entries are shorter than our minimum, so a password is also refused when it is a listed
 * one repeated or padded with digits and symbols ("password1234", "qwertyqwerty", "dragon!!!!!!").
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../errors';

export const MIN_PASSWORD_LENGTH = 12;

let common: ReadonlySet<string> | undefined;

/** Built on first use: a few MB that an instance which never sets a password does not need. */
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary['passwords-common']);
  return common;
}

/** True when the password is a listed one, a listed one repeated, or one padded with digits and symbols. */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  const folded = password.toLowerCase();
  if (list.has(folded)) return true;
  const core = folded.replace(/^\P{L}+|\P{L}+$/gu, '');
  if (core !== folded && core.length > 0 && list.has(core)) return true;
  return repeatedUnits(folded).some((unit) => list.has(unit));
}

/** The strings that make up `text` repeated twice or more ("111111111111": "1", "11", … "111111"). */
function repeatedUnits(text: string): string[] {
  const units = [];
  for (let length = 1; length <= text.length / 2; length++) {
    if (text.length % length === 0 && text.slice(0, length).repeat(text.length / length) === text) units.push(text.slice(0, length));
  }
  return units;
}

/** Throws validation_failed for a short password and password_too_common for a common one. */
export function assertAcceptablePassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('validation_failed', `the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (isCommonPassword(password)) throw new AppError('password_too_common');
}
