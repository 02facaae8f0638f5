// Starts the server: settings, database, migrations, first-run data, HTTP.
import { systemClock } from './platform/clock.ts';
import { loadConfig } from './platform/config.ts';
import { startServer } from './server.ts';

const config = loadConfig();
const server = await startServer(config, { clock: systemClock, demoCounty: true });
const shutdown = async (signal: string) => {
  server.app.log.info({ signal }, 'shutting down');
  await server.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
