/**
 * `notewall backup --out FILE`: an encrypted, consistent snapshot of chart and vault, taken
 * while the app may be running, on SQLite or PostgreSQL. The passphrase comes from
 * `NOTEWALL_BACKUP_PASSPHRASE` or an interactive prompt.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { createBackup } from '../../db/ops/backup.ts';
import { UsageError } from '../io.ts';
import { configOrUsage, secretOrUsage, storageToUsage } from './setup.ts';
import type { RegisterCommand } from './index.ts';

export const registerBackup: RegisterCommand = (program: Command) => {
  program
    .command('backup')
    .description('write an encrypted snapshot of the chart and the vault')
    .requiredOption('--out <file>', 'where to write the backup')
    .option('--force', 'overwrite FILE if it exists')
    .addHelpText('after', '\nThe passphrase is read from NOTEWALL_BACKUP_PASSPHRASE, or prompted for when unset.')
    .action(async (opts: { out: string; force?: boolean }) => {
      const config = configOrUsage();
      if (existsSync(opts.out) && !opts.force) throw new UsageError(`${opts.out} exists; pass --force to overwrite it`);
      const passphrase = await secretOrUsage('NOTEWALL_BACKUP_PASSPHRASE', 'Backup passphrase: ', true);
      const { bytes } = await createBackup(config.store, opts.out, passphrase).catch(storageToUsage);
      process.stdout.write(`backup written to ${opts.out} (${(bytes / 1024).toFixed(0)} KB, encrypted)\n`);
    });
};
