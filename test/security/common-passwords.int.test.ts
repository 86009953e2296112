/**
 * ASVS V2.1.7: a staff password that is common or breached is refused wherever a password is set
 * (an admin creating an account or resetting one, a member changing their own), with its own code
 * and a reason in every staff language; the list ships with the project (no outside service).
 */
import { describe, expect, it } from 'vitest';
import { isCommonPassword } from '../../src/server/auth/password-policy';
import { translator } from '../../src/server/i18n';
import { STAFF_LANGUAGES } from '../../src/shared/languages';
import { serverForSuite, signedInStaff, STAFF_PASSWORD } from '../support/app';
import { databaseTargets } from '../support/databases';

describe('the common-password rule', () => {
  it('refuses listed passwords, and listed ones repeated or padded with digits and symbols', () => {
    for (const password of ['password1234', 'qwertyqwerty', 'iloveyou!!!!', '123456789012', '111111111111', '1qaz2wsx3edc', 'Monkey123456', 'Dragon2024!!']) {
      expect(isCommonPassword(password), password).toBe(true);
    }
  });

  it('accepts passphrases, in any script', () => {
    for (const password of [STAFF_PASSWORD, 'a new long passphrase', 'Zażółć gęślą jaźń', 'Київ — місто каштанів', 'ocean lantern violet 42']) {
      expect(isCommonPassword(password), password).toBe(false);
    }
  });

  it('gives the reason in every staff language', () => {
    const english = translator('en')('errors.password_too_common');
    for (const language of STAFF_LANGUAGES.filter((language) => language !== 'en')) {
      expect(translator(language)('errors.password_too_common'), language).not.toBe(english);
    }
  });
});

describe.each(databaseTargets)('common passwords refused on $engine', (target) => {
  const suiteServer = serverForSuite(target, { LOGINS_PER_MINUTE: '1000' });

  it('when an admin creates or resets an account, and when staff change their own', async () => {
    const server = suiteServer();
    const admin = await signedInStaff(server, { role: 'admin' });
    const call = (url: string, cookie: string, payload: object) => server.app.server.inject({ method: 'POST', url, headers: { cookie }, payload });
    const account = { email: `olena-${Date.now()}@office.example`, name: 'Olena', role: 'consultant', languages: ['uk'], topics: ['work'], maxConcurrent: 2, interpreterLanguages: [] };

    const refused = await call('/api/admin/staff', admin.cookie, { ...account, password: 'password1234' });
    expect([refused.statusCode, refused.json().code]).toEqual([422, 'password_too_common']);
    expect(await server.app.auth.findUserByEmail(account.email)).toBeUndefined();
    const created = await call('/api/admin/staff', admin.cookie, { ...account, password: STAFF_PASSWORD });
    expect(created.statusCode).toBe(201);
    const id = created.json().account.id;

    const reset = await call(`/api/admin/staff/${id}/password`, admin.cookie, { password: 'qwertyqwerty' });
    expect(reset.json().code).toBe('password_too_common');

    const own = await signedInStaff(server);
    const change = await call('/api/auth/password', own.cookie, { currentPassword: STAFF_PASSWORD, newPassword: 'iloveyou!!!!' });
    expect([change.statusCode, change.json().code]).toEqual([422, 'password_too_common']);
    const signIn = await server.app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: own.email, password: STAFF_PASSWORD } });
    expect(signIn.statusCode).toBe(200); // the old password still holds
  });
});
