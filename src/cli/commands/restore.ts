/**
 * `notewall restore FILE [--check]`: decrypts a backup, verifies it completely (every chunk
 * authenticates, nothing is missing, database integrity, audit chain, every signed note's
 * hash) and only then replaces the live stores, SQLite or PostgreSQL. `--check` verifies
 * without replacing anything. A damaged backup exits 1; a wrong passphrase, a backup from
 * the other kind of database or from another schema version exits 2.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { restoreBackup, verifyBackup } from '../../db/ops/backup.ts';
import { StorageError } from '../../db/errors.ts';
import { UsageError } from '../io.ts';
import { configOrUsage, secretOrUsage, storageToUsage } from './setup.ts';
import type { RegisterCommand } from './index.ts';

export const registerRestore: RegisterCommand = (program: Command, setExit) => {
  program
    .command('restore')
    .description('verify a backup, then replace the chart and the vault with it')
    .argument('<file>', 'backup file written by notewall backup')
    .option('--check', 'verify only; change nothing')
    .addHelpText('after', '\nThe passphrase is read from NOTEWALL_BACKUP_PASSPHRASE, or prompted for when unset.')
    .action(async (file: string, opts: { check?: boolean }) => {
      const config = configOrUsage();
      if (!existsSync(file)) throw new UsageError(`cannot read ${file}: no such file`);
      const passphrase = await secretOrUsage('NOTEWALL_BACKUP_PASSPHRASE', 'Backup passphrase: ');
      try {
        const check = opts.check ? await verifyBackup(file, passphrase, config.store.dataDir, config.store) : await restoreBackup(config.store, file, passphrase);
        const verb = opts.check ? 'verified' : 'restored';
        process.stdout.write(`backup from ${check.createdAt} ${verb}: ${check.auditRows} audit rows chain intact, ${check.signedNotes} signed notes match their hashes\n`);
      } catch (err) {
        if (err instanceof StorageError && err.code === 'integrity') {
          process.stdout.write(`backup NOT restored: ${err.message}\n`);
          setExit(1);
          return;
        }
        storageToUsage(err);
      }
    });
};
