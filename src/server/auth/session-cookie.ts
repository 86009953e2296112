/** The staff session cookie: HttpOnly, SameSite=Strict, Secure behind TLS (see routes.ts). */
export const STAFF_SESSION_COOKIE = 'ek_staff';
