/**
 * Opens both stores for an operation that needs both (setup, backup, restore, import),
 * wiring the vault's audit events into the chart's audit log. One of the few places allowed
 * to import the vault (test/db/import-boundaries.test.ts).
 */
import type { StoreConfig } from '../../config/config.ts';
import { chartAuditSink } from '../audit/audit-log.ts';
import { chartTarget, openChartStore, type ChartStore, type ChartStoreOptions } from '../chart/chart-store.ts';
import { VaultStore, vaultTarget } from '../vault/vault-store.ts';

export interface Stores {
  readonly chart: ChartStore;
  readonly vault: VaultStore;
  close(): Promise<void>;
}

export async function openStores(config: StoreConfig, options: ChartStoreOptions = {}): Promise<Stores> {
  const chart = await openChartStore(chartTarget(config), options);
  let vault: VaultStore;
  try {
    vault = await VaultStore.open(vaultTarget(config), { audit: chartAuditSink(chart.db, chart.adapter) });
  } catch (err) {
    await chart.close();
    throw err;
  }
  return {
    chart,
    vault,
    async close() {
      await vault.close();
      await chart.close();
    },
  };
}
