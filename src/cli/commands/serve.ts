/**
 * `notewall serve` (what `npm start` runs): the API and the web app on one port. Port from
 * `PORT` (default 3000), host from `HOST` (default 127.0.0.1), SQLite in `./data` unless
 * `DATABASE_URL` is set. See docs/server.md for every setting.
 */
import type { Command } from 'commander';
import { ConfigError } from '../../config/config.ts';
import { loadServerConfig } from '../../server/server-config.ts';
import { serve } from '../../server/start.ts';
import { UsageError } from '../io.ts';
import type { RegisterCommand } from './index.ts';

export const registerServe: RegisterCommand = (program: Command) => {
  program
    .command('serve')
    .description('serve the API and the web app (first run: open the URL to set up the practice)')
    .addHelpText('after', '\nSettings come from the environment: PORT, HOST, NOTEWALL_DATA_DIR, DATABASE_URL, NOTEWALL_IDLE_MINUTES, … (docs/server.md).')
    .action(async () => {
      let config;
      try {
        config = loadServerConfig();
      } catch (err) {
        if (err instanceof ConfigError) throw new UsageError(err.message);
        throw err;
      }
      await serve(config);
      // Keep running: the server holds the event loop open until SIGINT/SIGTERM.
      await new Promise<void>(() => undefined);
    });
};
