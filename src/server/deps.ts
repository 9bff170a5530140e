/** What every route needs: the open stores, the configuration and a clock. */
import type { ChartStore } from '../db/chart/chart-store.ts';
import type { ServerConfig } from './server-config.ts';
import type { ServerVault } from './vault/gateway.ts';

export interface AppDeps {
  readonly chart: ChartStore;
  readonly vault: ServerVault;
  readonly config: ServerConfig;
  /** The clock (tests move it to check timeouts). */
  readonly now: () => Date;
}
