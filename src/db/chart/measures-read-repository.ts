/** Reading a client's measure administrations, re-scored by the core scorer for bands and flags. */
import { scoreMeasure, type InstrumentId, type MeasureResult } from '../../core/measures/index.ts';
import { InstrumentIdSchema } from '../../core/measures/index.ts';
import { guarded, type RepoContext } from './context.ts';

export interface MeasureAdministration {
  readonly id: string;
  readonly clientId: string;
  readonly sessionId: string | null;
  readonly instrument: InstrumentId;
  readonly administeredOn: string;
  readonly items: readonly number[];
  readonly result: MeasureResult;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** A client's measures, oldest first (the order a trend chart needs). */
export async function listMeasures(ctx: RepoContext, clientId: string): Promise<MeasureAdministration[]> {
  return guarded(ctx, { permission: 'measure.read', action: 'measure.read', entityType: 'measure', clientId }, async (trx) => {
    const rows = await trx.selectFrom('measure_administrations').selectAll().where('client_id', '=', clientId).orderBy('administered_on').orderBy('created_at').execute();
    const value = rows.map((r) => {
      const instrument = InstrumentIdSchema.parse(r.instrument);
      const items = JSON.parse(r.responses_json) as number[];
      return { id: r.id, clientId: r.client_id, sessionId: r.session_id, instrument, administeredOn: r.administered_on, items, result: scoreMeasure(instrument, items), createdBy: r.created_by, createdAt: r.created_at };
    });
    return { value };
  });
}
