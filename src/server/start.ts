/**
 * Opening everything the server needs and serving it: the chart (its migrations, then the
 * server's own), the vault, the app, and a sweeper that ends sessions past their idle or
 * absolute limit so their vault keys are destroyed even when the user never returns.
 */
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { DEFAULT_LOCKOUT, expiredLoginSessions, pruneAuthTables } from '../db/auth/auth-repository.ts';
import { migrateAuth } from '../db/auth/migrations.ts';
import { chartTarget, openChartStore } from '../db/chart/chart-store.ts';
import { buildApp } from './app.ts';
import { endSession } from './auth/auth-hook.ts';
import type { AppDeps } from './deps.ts';
import type { ServerConfig } from './server-config.ts';
import { ServerVault } from './vault/gateway.ts';

export interface OpenServer {
  readonly app: FastifyInstance;
  readonly deps: AppDeps;
  close(): Promise<void>;
}

/** Opens the stores (running migrations) and builds the app; does not listen. */
export async function openServer(config: ServerConfig, options: { now?: () => Date; logStream?: DestinationStream } = {}): Promise<OpenServer> {
  const chart = await openChartStore(chartTarget(config.store));
  let vault: ServerVault;
  try {
    await migrateAuth(chart);
    vault = await ServerVault.open(config.store, chart);
  } catch (err) {
    await chart.close();
    throw err;
  }
  const deps: AppDeps = { chart, vault, config, now: options.now ?? (() => new Date()) };
  const app = await buildApp(deps, options.logStream ? { logStream: options.logStream } : {});
  return {
    app,
    deps,
    async close() {
      await app.close();
      await vault.close();
      await chart.close();
    },
  };
}

/**
 * Ends every session past its limits (returns how many) and prunes old login rows. Safe
 * to run on every instance at once: ending a session is a conditional update.
 */
export async function sweepSessions(deps: AppDeps): Promise<number> {
  const expired = await expiredLoginSessions(deps.chart, deps.now(), deps.config.idleSeconds);
  for (const s of expired) await endSession(deps, s.tokenHash, s.reason, null);
  await pruneAuthTables(deps.chart, deps.now(), DEFAULT_LOCKOUT);
  return expired.length;
}

/** Serves until SIGINT/SIGTERM; prints the URL. */
export async function serve(config: ServerConfig, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<OpenServer> {
  const server = await openServer(config);
  const address = await server.app.listen({ port: config.port, host: config.host });
  const timer = setInterval(() => {
    sweepSessions(server.deps).catch((err: unknown) => server.app.log.error({ err }, 'session sweep failed'));
  }, 60_000);
  timer.unref();
  const url = address.replace('://0.0.0.0', '://127.0.0.1').replace('://[::]', '://127.0.0.1');
  out(`Notewall is listening on ${url}/`);
  out(config.store.kind === 'sqlite' ? `Data directory: ${config.store.dataDir}` : `PostgreSQL schemas: ${config.store.chartSchema} / ${config.store.vaultSchema}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}
