/**
 * Child process for the durability test: signs progress notes in a loop and prints each
 * note's id only after its transaction has committed. The parent kills it with SIGKILL.
 * Usage: tsx test/db/durability-child.ts <dataDir | target JSON> <userId> <clientId>
 * where a target JSON is a PostgreSQL `DatabaseTarget` (`{"kind":"postgres",…}`).
 */
import { once } from 'node:events';
import { join } from 'node:path';
import { openChartStore } from '../../src/db/chart/chart-store.ts';
import { loadActor } from '../../src/db/chart/context.ts';
import { createDraft, signNote } from '../../src/db/chart/notes-repository.ts';
import type { DatabaseTarget } from '../../src/db/connection.ts';

const [where, userId, clientId] = process.argv.slice(2);
if (!where || !userId || !clientId) throw new Error('usage: durability-child <dataDir | target JSON> <userId> <clientId>');

const target: DatabaseTarget = where.startsWith('{') ? (JSON.parse(where) as DatabaseTarget) : { kind: 'sqlite', file: join(where, 'chart.sqlite') };
const store = await openChartStore(target, { icd10Check: () => null });
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
  // The id is printed only after its transaction committed. The loop never yields to the
  // event loop on its own (better-sqlite3 is synchronous), and stdout is a socket that
  // libuv may leave with unsent bytes; wait for it to drain, or the parent would stop
  // hearing from a child that goes on signing.
  if (!process.stdout.write(`${draft.id}\n`)) await once(process.stdout, 'drain');
}
