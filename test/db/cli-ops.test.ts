/**
 * The storage commands end to end, in-process: setup (recovery code printed once), import
 * (per-client all-or-nothing, every rejection reported), audit verify, backup and verified
 * restore. Secrets come from environment variables, as documented.
 */
import { sql } from 'kysely';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { loadActor } from '../../src/db/chart/context.ts';
import { createUserWithVaultKey } from '../../src/db/ops/users.ts';
import { openStores } from '../../src/db/ops/stores.ts';
import { spawn } from 'node:child_process';
import { createBackup, verifyBackup } from '../../src/db/ops/backup.ts';
import { makeKit, TEST_PASSWORD, type StoreKit } from './fixtures.ts';

let kit: StoreKit;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    const code = await main(['node', 'notewall', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

async function counts(): Promise<{ clients: string[]; vaultNotes: number; signed: number }> {
  const stores = await openStores(kit.config);
  try {
    const clients = (await stores.chart.db.selectFrom('clients').select('external_ref').orderBy('external_ref').execute()).map((r) => r.external_ref ?? '');
    const vaultNotes = (await stores.vault.database.db.selectFrom('psychotherapy_notes').select('id').execute()).length;
    const signed = (await stores.chart.db.selectFrom('progress_notes').select('id').where('status', '=', 'signed').execute()).length;
    return { clients, vaultNotes, signed };
  } finally {
    await stores.close();
  }
}

describe('storage commands (SQLite)', () => {
  beforeAll(async () => {
    kit = await makeKit('sqlite');
    process.env['NOTEWALL_DATA_DIR'] = kit.dataDir;
    delete process.env['DATABASE_URL'];
    delete process.env['VAULT_DATABASE_URL'];
    process.env['NOTEWALL_ADMIN_PASSWORD'] = TEST_PASSWORD;
    process.env['NOTEWALL_PASSWORD'] = TEST_PASSWORD;
    process.env['NOTEWALL_BACKUP_PASSPHRASE'] = 'synthetic backup passphrase';
  });
  afterAll(async () => {
    await kit.cleanup();
  });

  it('sets the practice up once and prints the recovery code', async () => {
    const r = await run('setup', '--practice', 'Synthetic Counselling', '--username', 'admin', '--display-name', 'A. D.');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/RECOVERY CODE/);
    expect(r.out).toMatch(/([0-9A-HJKMNP-TV-Z]{5}-){10}[0-9A-HJKMNP-TV-Z]{5}/);
    const again = await run('setup', '--practice', 'X', '--username', 'admin2', '--display-name', 'X');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already set up/);
  });

  it('imports whole clients and reports every rejected record with its field and reason', async () => {
    const stores = await openStores(kit.config);
    try {
      const admin = await stores.chart.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
      await createUserWithVaultKey(stores, { store: stores.chart, actor: await loadActor(stores.chart, admin.id) }, { username: 'clin-a', displayName: 'C. A.', password: TEST_PASSWORD, roles: ['clinician'] });
    } finally {
      await stores.close();
    }
    const reportFile = join(kit.dataDir, 'report.json');
    const r = await run('import', 'examples/import/sample.json', '--user', 'admin', '--report', reportFile);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/imported 1 of 5 clients/);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { rejected: Array<{ ref: string; field: string; reason: string }> };
    expect(report.rejected.map((x) => [x.ref, x.field])).toEqual([
      ['OLD-0002', 'clients[1].sessions[1].logistics.start'],
      ['OLD-0003', 'clients[2].sessions[0].date'],
      ['OLD-0004', 'clients[3].clinician'],
      ['OLD-0005', 'clients[4].diagnoses[0].code'],
    ]);
    expect(report.rejected[0]?.reason).toMatch(/overlaps/);
    // Nothing half-written: only the good client, its one vault note, its one signed note.
    expect(await counts()).toEqual({ clients: ['OLD-0001'], vaultNotes: 1, signed: 1 });
    // Importing the same file again rejects the already-imported client.
    const again = await run('import', 'examples/import/sample.json', '--user', 'admin');
    expect(again.out).toMatch(/rejected clients\[0\]\.ref \(ref OLD-0001\): client OLD-0001 was already imported/);
    const bad = await run('import', 'examples/import/sample.json', '--user', 'admin');
    expect(bad.code).toBe(1);
  });

  it('verifies the audit chain', async () => {
    const r = await run('audit', 'verify');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/audit log verified: \d+ rows/);
  });

  it('backs up, refuses a wrong passphrase or a changed file, and restores only after verifying', async () => {
    const file = join(kit.dataDir, 'backup.nwb');
    expect((await run('backup', '--out', file)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain('OLD-0001');
    expect((await run('restore', file, '--check')).code).toBe(0);

    const stores = await openStores(kit.config);
    await stores.chart.db.updateTable('clients').set({ display_name: 'CHANGED' }).execute();
    await stores.close();

    process.env['NOTEWALL_BACKUP_PASSPHRASE'] = 'not the passphrase';
    const wrong = await run('restore', file);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/passphrase/);
    process.env['NOTEWALL_BACKUP_PASSPHRASE'] = 'synthetic backup passphrase';
    const tampered = join(kit.dataDir, 'tampered.nwb');
    const text = readFileSync(file, 'utf8');
    const i = text.length - 40;
    writeFileSync(tampered, text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1));
    const changed = await run('restore', tampered);
    expect(changed.code).toBe(1);
    expect(changed.out).toMatch(/backup NOT restored: chunk \d+ of the backup does not authenticate/);
    // Cut at a chunk boundary: every remaining chunk authenticates, but the final one is gone.
    const truncated = join(kit.dataDir, 'truncated.nwb');
    const lines = text.split('\n').filter((l) => l.length > 0);
    expect(lines.length).toBeGreaterThan(2);
    writeFileSync(truncated, `${lines.slice(0, -1).join('\n')}\n`);
    const cut = await run('restore', truncated);
    expect(cut.code).toBe(1);
    expect(cut.out).toMatch(/backup NOT restored: the backup is truncated: it ends after chunk \d+ without its final chunk/);
    expect((await counts()).clients).toEqual(['OLD-0001']);
    const after0 = await openStores(kit.config);
    try {
      expect((await after0.chart.db.selectFrom('clients').select('display_name').execute()).map((r) => r.display_name)).toEqual(['CHANGED']);
    } finally {
      await after0.close();
    }

    const restored = await run('restore', file);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/restored: \d+ audit rows chain intact, 1 signed notes/);
    const after = await openStores(kit.config);
    try {
      expect((await after.chart.db.selectFrom('clients').select('display_name').execute()).map((r) => r.display_name)).toEqual(['J.Q.']);
    } finally {
      await after.close();
    }
    expect((await run('audit', 'verify')).code).toBe(0);
  });

  it('takes a consistent backup while another process keeps signing notes', async () => {
    const stores = await openStores(kit.config);
    const clin = await stores.chart.db.selectFrom('users').select('id').where('username', '=', 'clin-a').executeTakeFirstOrThrow();
    const client = await stores.chart.db.selectFrom('clients').select('id').executeTakeFirstOrThrow();
    await stores.close();
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'durability-child.ts'), kit.dataDir, clin.id, client.id], { stdio: ['ignore', 'pipe', 'pipe'] });
    let signed = 0;
    let partial = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      const lines = (partial + c).split('\n');
      partial = lines.pop() ?? '';
      signed += lines.filter((l) => /^[0-9a-f-]{36}$/.test(l)).length;
    });
    child.stderr.on('data', (c: Buffer) => (stderr += String(c)));
    /** Waits until the child has reported `n` notes; fails (instead of hanging) if it stops. */
    const until = async (n: number) => {
      const deadline = Date.now() + 15_000;
      while (signed < n) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the signing child reported ${signed} of ${n} notes (exit ${String(child.exitCode)}): ${stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    try {
      await until(3);
      const file = join(kit.dataDir, 'live.nwb');
      await createBackup(kit.config, file, 'synthetic backup passphrase');
      const during = signed;
      await until(during + 3);
      const check = await verifyBackup(file, 'synthetic backup passphrase', kit.dataDir);
      expect(check.signedNotes).toBeGreaterThanOrEqual(3);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('names the first broken audit row after tampering', async () => {
    const stores = await openStores(kit.config);
    await sql`DROP TRIGGER audit_log_no_update`.execute(stores.chart.db);
    await sql`UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 3`.execute(stores.chart.db);
    await stores.close();
    const r = await run('audit', 'verify');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/BROKEN at row 3/);
  });
});
