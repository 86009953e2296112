/** Starts one instance: configuration, infrastructure (database migrated), app, listen; stops cleanly on signals. */
import pino from 'pino';
import { buildApp, PRETTY_LOG_TRANSPORT } from './app';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { openInfrastructure } from './infrastructure';

async function main(): Promise<void> {
  const config = loadConfig();
  // Readable lines for a person at a terminal; JSON lines for a log collector.
  const prettyLogs = process.stdout.isTTY === true;
  const log = pino({ level: config.logLevel, ...(prettyLogs && { transport: PRETTY_LOG_TRANSPORT }) });
  const infrastructure = await openInfrastructure(config, log);
  const { server } = await buildApp(config, { ...infrastructure, clock: systemClock, prettyLogs });

  const stop = async (signal: string) => {
    server.log.info({ signal }, 'shutting down');
    await server.close();
    await infrastructure.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  await server.listen({ port: config.port, host: config.host, backlog: config.listenBacklog });
  server.log.info(
    { database: infrastructure.database.engine, bus: config.redisUrl ? 'redis' : 'in-process' },
    `e-Konsultant is ready at http://${config.host}:${config.port}/`,
  );
}

/** Settles once the server listens: the launcher (src/server/boot) then writes its code cache. */
export const ready = main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error('e-Konsultant could not start:', error);
  process.exit(1);
});
