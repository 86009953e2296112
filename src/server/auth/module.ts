import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { staffActorOf } from '../actor';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { DatabaseSchema } from '../db/schema';
import type { Bus } from '../events/bus';
import { SecretSealer } from '../mail/sealing';
import { defineModule } from '../module';
import { authMigrations } from './migrations';
import { PasswordHasher } from './passwords';
import { AuthRepository } from './repository';
import { authRoutes } from './routes';
import { AuthService, toStaffUser } from './service';
import { StaffSessionCookie } from './session-cookie';
import { SignInProtection } from './sign-in-protection';
import { TwoFactorService } from './two-factor';
import { TwoFactorRepository } from './two-factor-repository';

declare module '../module' {
  interface Services {
    auth: AuthService;
    twoFactor: TwoFactorService;
  }
}

/** The auth services as the server builds them, for the module and the admin CLI alike. */
export function createAuthServices(db: Kysely<DatabaseSchema>, bus: Bus, clock: Clock, config: Config, audit: Pick<AuditLog, 'record'>, log: FastifyBaseLogger) {
  const repository = new AuthRepository(db);
  const protection = new SignInProtection(repository, clock, audit);
  // The outbox's sealing key seals the TOTP secrets too: one key for the operator to keep apart from the database.
  const twoFactor = new TwoFactorService(new TwoFactorRepository(db), protection, new SecretSealer(config.mail.sealingKey), bus, clock, audit, {
    requiredRoles: config.staffTwoFactorRequiredRoles,
    publicUrl: config.publicUrl,
    issuer: config.desk.name,
  }, log);
  const policy = { hours: config.staffSessionHours, idleMinutes: config.staffSessionIdleMinutes, reauthMinutes: config.staffReauthMinutes };
  const cookie = new StaffSessionCookie(config.cookieSecure);
  const auth = new AuthService(repository, bus, clock, policy, cookie, audit, new PasswordHasher(config.limits.passwordHashesAtOnce), protection, twoFactor);
  return { auth, twoFactor, cookie };
}

export const authModule = defineModule({
  name: 'auth',
  migrations: authMigrations,
  create({ config, database, bus, clock, log, desk, services }) {
    const { auth, twoFactor, cookie } = createAuthServices(database.db, bus, clock, config, services.audit, log);
    return {
      services: { auth, twoFactor },
      routes: async (app) =>
        authRoutes(app, { auth, twoFactor, deskId: desk.id, cookie, loginAttemptsPerMinute: config.limits.loginsPerMinute }),
      deliver: {
        'sessions-ended': (event, fanout) => fanout.endSessions(event.userId, event.sessionHash),
      },
      directory: {
        staffSessionToken: (request) => cookie.tokenOf(request),
        async staffForSession(sessionToken, options) {
          const user = await auth.userForSession(sessionToken, options);
          if (!user || user.desk_id !== desk.id) return undefined;
          return { actor: staffActorOf(user), user: toStaffUser(user) };
        },
      },
    };
  },
});
