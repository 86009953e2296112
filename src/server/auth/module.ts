import { staffActorOf } from '../actor';
import { defineModule } from '../module';
import { authMigrations } from './migrations';
import { PasswordHasher } from './passwords';
import { AuthRepository } from './repository';
import { authRoutes } from './routes';
import { AuthService, toStaffUser } from './service';
import { STAFF_SESSION_COOKIE } from './session-cookie';

declare module '../module' {
  interface Services {
    auth: AuthService;
  }
}

export const authModule = defineModule({
  name: 'auth',
  migrations: authMigrations,
  create({ config, database, bus, clock, desk, services }) {
    const auth = new AuthService(new AuthRepository(database.db), bus, clock, config.staffSessionHours, services.audit, new PasswordHasher(config.limits.passwordHashesAtOnce));
    return {
      services: { auth },
      routes: async (app) =>
        authRoutes(app, { auth, deskId: desk.id, cookieSecure: config.cookieSecure, loginAttemptsPerMinute: config.limits.loginsPerMinute }),
      deliver: {
        'sessions-ended': (event, fanout) => fanout.endSessions(event.userId, event.sessionHash),
      },
      directory: {
        staffSessionCookie: STAFF_SESSION_COOKIE,
        async staffForSession(sessionToken) {
          const user = await auth.userForSession(sessionToken);
          if (!user || user.desk_id !== desk.id) return undefined;
          return { actor: staffActorOf(user), user: toStaffUser(user) };
        },
      },
    };
  },
});
