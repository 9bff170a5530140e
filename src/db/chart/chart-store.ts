/**
 * Opening the chart database (SQLite `<dataDir>/chart.sqlite` or the PostgreSQL chart
 * schema) and bringing it to the latest migration. The chart never opens the vault.
 */
import { join } from 'node:path';
import { loadFullIcd10Lookup } from '../../reference/icd10-full.ts';
import type { StoreConfig } from '../../config/config.ts';
import { migrate, openDatabase, type DatabaseTarget, type OpenDatabase } from '../connection.ts';
import { chartMigrations } from '../migrations/chart-migrations.ts';
import type { ChartDatabase } from './schema.ts';

/**
 * Checks a well-formed ICD-10-CM code against the code list: `null` when it may be
 * recorded, otherwise the reason it may not. The default reads the full shipped list
 * (`src/reference/icd10-full.ts`) on first use.
 */
export type Icd10Check = (code: string) => string | null;

/** The full FY code list: unknown codes and non-billable category headers are refused. */
export const icd10FullList: Icd10Check = (code) => {
  const lookup = loadFullIcd10Lookup();
  const entry = lookup.get(code);
  if (!entry) return `${code} is not an ICD-10-CM code (${lookup.version} code set)`;
  // Claims (45 CFR 162.1002) need a billable code; a header needs more specificity.
  if (!entry.billable) return `${code} is a category header (${entry.title}); record a more specific, billable code`;
  return null;
};

export interface ChartStoreOptions {
  readonly icd10Check?: Icd10Check;
}

/** The open chart with the hooks its repositories need. */
export interface ChartStore extends OpenDatabase<ChartDatabase> {
  readonly icd10Check: Icd10Check;
}

/** File name of the chart database inside the data directory. */
export const CHART_FILE = 'chart.sqlite';

/** Where the chart lives for a given configuration. */
export function chartTarget(store: StoreConfig): DatabaseTarget {
  return store.kind === 'sqlite'
    ? { kind: 'sqlite', file: join(store.dataDir, CHART_FILE) }
    : { kind: 'postgres', url: store.chartUrl, schema: store.chartSchema };
}

/** Opens the chart and applies pending migrations. */
export async function openChartStore(target: DatabaseTarget, options: ChartStoreOptions = {}): Promise<ChartStore> {
  const open = openDatabase<ChartDatabase>(target);
  try {
    await migrate(open, chartMigrations);
  } catch (err) {
    await open.close();
    throw err;
  }
  return { ...open, icd10Check: options.icd10Check ?? icd10FullList };
}
