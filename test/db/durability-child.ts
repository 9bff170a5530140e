/**
 * Child process for the durability test: signs progress notes in a loop and prints each
 * note's id only after its transaction has committed. The parent kills it with SIGKILL.
 * Usage: tsx test/db/durability-child.ts <dataDir> <userId> <clientId>
 */
import { join } from 'node:path';
import { openChartStore } from '../../src/db/chart/chart-store.ts';
import { loadActor } from '../../src/db/chart/context.ts';
import { createDraft, signNote } from '../../src/db/chart/notes-repository.ts';

const [dataDir, userId, clientId] = process.argv.slice(2);
if (!dataDir || !userId || !clientId) throw new Error('usage: durability-child <dataDir> <userId> <clientId>');

const store = await openChartStore({ kind: 'sqlite', file: join(dataDir, 'chart.sqlite') }, { icd10Check: () => null });
const ctx = { store, actor: await loadActor(store, userId) };
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const draft = await createDraft(ctx, {
    clientId,
    content: {
      format: 'dap',
      session: { date: `2025-02-${day}`, modality: 'individual' },
      sections: { data: `Synthetic durability note ${i}.`, assessment: 'Stable.', plan: 'Continue.' },
    },
  });
  await signNote(ctx, draft.id);
  // Pipes are synchronous on Linux: once this returns, the parent can read the line.
  process.stdout.write(`${draft.id}\n`);
}
