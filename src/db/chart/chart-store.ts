/**
 * Opening the chart database (SQLite `<dataDir>/chart.sqlite` or the PostgreSQL chart
 * schema) and bringing it to the latest migration. The chart never opens the vault.
 */
import { join } from 'node:path';
import { Icd10Code } from '../../core/notes/model.ts';
import type { StoreConfig } from '../../config/config.ts';
import { migrate, openDatabase, type DatabaseTarget, type OpenDatabase } from '../connection.ts';
import { chartMigrations } from '../migrations/chart-migrations.ts';
import type { ChartDatabase } from './schema.ts';

/**
 * Whether an ICD-10-CM code exists. The full code list is being built elsewhere
 * (`src/core/codes/icd10.ts`); until it lands the default checks the code's shape only.
 * Pass the real lookup in {@link ChartStoreOptions.icd10Exists} to check existence.
 */
export type Icd10Check = (code: string) => boolean;

export const icd10ShapeOnly: Icd10Check = (code) => Icd10Code.safeParse(code).success;

export interface ChartStoreOptions {
  readonly icd10Exists?: Icd10Check;
}

/** The open chart with the hooks its repositories need. */
export interface ChartStore extends OpenDatabase<ChartDatabase> {
  readonly icd10Exists: Icd10Check;
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
  return { ...open, icd10Exists: options.icd10Exists ?? icd10ShapeOnly };
}
