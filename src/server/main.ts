/** Starts one instance: configuration, database (migrated), bus, app, listen; stops cleanly on signals. */
import { buildApp } from './app';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { migrateToLatest, openDatabase } from './db/database';
import { createInProcessBus } from './realtime/bus';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  const bus = createInProcessBus();
  const { server } = await buildApp(config, { database, bus, clock: systemClock });

  const stop = async (signal: string) => {
    server.log.info({ signal }, 'shutting down');
    await server.close();
    await bus.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  await server.listen({ port: config.port, host: config.host });
  server.log.info({ engine: database.engine }, `e-Konsultant is ready at http://${config.host}:${config.port}/`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error('e-Konsultant could not start:', error);
  process.exit(1);
});
