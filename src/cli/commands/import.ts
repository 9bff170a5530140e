/**
 * `notewall import FILE --user ADMIN [--report OUT.json]`: imports clients, sessions,
 * progress notes and psychotherapy notes from the JSON format in docs/import-format.md.
 * Each client is all-or-nothing; every rejected record is listed with its path and reason.
 * Exit 0 when everything was imported, 1 when some records were rejected, 2 on bad usage.
 * The admin's password comes from `NOTEWALL_PASSWORD` or an interactive prompt.
 */
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { authenticate } from '../../db/chart/users-repository.ts';
import { importRecords } from '../../db/ops/import.ts';
import { openStores } from '../../db/ops/stores.ts';
import { UsageError } from '../io.ts';
import { configOrUsage, secretOrUsage, storageToUsage } from './setup.ts';
import type { RegisterCommand } from './index.ts';

export const registerImport: RegisterCommand = (program: Command, setExit) => {
  program
    .command('import')
    .description('import clients and notes from another system (docs/import-format.md)')
    .argument('<file>', 'import file (JSON)')
    .requiredOption('--user <username>', 'the admin running the import')
    .option('--report <file>', 'also write the report as JSON')
    .addHelpText('after', "\nThe admin's password is read from NOTEWALL_PASSWORD, or prompted for when unset.")
    .action(async (file: string, opts: { user: string; report?: string }) => {
      const config = configOrUsage();
      let doc: unknown;
      try {
        doc = JSON.parse(await readFile(file, 'utf8'));
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
      }
      const password = await secretOrUsage('NOTEWALL_PASSWORD', `Password for ${opts.user}: `);
      const stores = await openStores(config.store);
      try {
        const userId = await authenticate(stores.chart, opts.user, password);
        if (!userId) throw new UsageError(`wrong username or password for ${opts.user}`);
        const total = Array.isArray((doc as { clients?: unknown }).clients) ? (doc as { clients: unknown[] }).clients.length : 0;
        const bar = new SingleBar({ format: 'importing [{bar}] {value}/{total} clients', stream: process.stderr }, Presets.shades_classic);
        bar.start(total, 0);
        const report = await importRecords(stores, userId, doc, (done) => bar.update(done)).catch((err: unknown) => {
          bar.stop();
          return storageToUsage(err);
        });
        bar.stop();
        const lines = [`imported ${report.imported.length} of ${total} clients`];
        for (const r of report.rejected) lines.push(`rejected ${r.field}${r.ref ? ` (ref ${r.ref})` : ''}: ${r.reason}`);
        process.stdout.write(`${lines.join('\n')}\n`);
        if (opts.report) await writeFile(opts.report, `${JSON.stringify(report, null, 2)}\n`);
        if (report.rejected.length > 0) setExit(1);
      } finally {
        await stores.close();
      }
    });
};
