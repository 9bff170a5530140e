/**
 * Durability (ARCHITECTURE.md invariant 4): a child process signs notes in a loop and is
 * killed with SIGKILL at a random moment, several times. After each kill every note it
 * reported as signed is present, signed, and matches its hash, and the audit chain verifies.
 * Runs on SQLite (`synchronous=FULL`) and on PostgreSQL (skipped with a clear line when the
 * server is unreachable; required under NOTEWALL_REQUIRE_PG=1).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/db/audit/audit-log.ts';
import { createClient } from '../../src/db/chart/clients-repository.ts';
import { verifyStoredNote } from '../../src/db/chart/notes-repository.ts';
import { chartTarget } from '../../src/db/chart/chart-store.ts';
import { makeKit, openChart, seedPractice, storeKinds, type StoreKit } from './fixtures.ts';

const ROUNDS = 5;
const CHILD = resolve(import.meta.dirname, 'durability-child.ts');
const kinds = await storeKinds('durability');

/** Where the child writes: the SQLite data directory, or the PostgreSQL chart target as JSON. */
function childTarget(kit: StoreKit): string {
  return kit.config.kind === 'sqlite' ? kit.dataDir : JSON.stringify(chartTarget(kit.config));
}

/** Runs the child until it has reported at least one note, then kills it after a random delay. */
function runAndKill(where: string, userId: string, clientId: string): Promise<string[]> {
  return new Promise((resolvePromise, reject) => {
    // `node --import tsx`, not the tsx CLI: the CLI runs the script in a grandchild that a
    // SIGKILL of its parent would leave running.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, where, userId, clientId], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let stderr = '';
    let armed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      if (!armed && /\n[0-9a-f-]{36}\n/.test(`\n${buffer}`)) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), 20 + Math.floor(Math.random() * 400));
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') {
        reject(new Error(`child ended with ${code ?? signal}: ${stderr}`));
        return;
      }
      // Only complete lines count: a line cut short by the kill was never reported.
      const lines = buffer.split('\n');
      lines.pop();
      resolvePromise(lines.filter((l) => /^[0-9a-f-]{36}$/.test(l)));
    });
  });
}

describe.each(kinds)('durability under SIGKILL on %s', (kind) => {
  let kit: StoreKit;
  let userId = '';
  let clientId = '';

  beforeAll(async () => {
    kit = await makeKit(kind);
    const store = await openChart(kit);
    const p = await seedPractice(store);
    userId = p.users.clinician;
    clientId = (await createClient(await p.ctx(userId), { displayName: 'D.U.' })).id;
    await store.close();
  });
  afterAll(async () => {
    await kit.cleanup();
  });

  it(`keeps every reported signed note across ${ROUNDS} kills, and the audit chain`, async () => {
    const reported: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const ids = await runAndKill(childTarget(kit), userId, clientId);
      expect(ids.length).toBeGreaterThan(0);
      reported.push(...ids);

      const store = await openChart(kit, { icd10Check: () => null });
      try {
        const rows = await store.db.selectFrom('progress_notes').selectAll().where('id', 'in', reported).execute();
        expect(rows.length).toBe(reported.length);
        for (const row of rows) {
          expect(row.status).toBe('signed');
          expect(verifyStoredNote(row)).toBe(true);
        }
        const audit = await verifyAuditChain(store.db, store.adapter);
        expect(audit.ok).toBe(true);
      } finally {
        await store.close();
      }
    }
    expect(new Set(reported).size).toBe(reported.length);
  });
});
