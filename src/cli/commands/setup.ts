/**
 * `notewall setup --practice NAME --username USER --display-name NAME [--clinician]`:
 * creates the practice, its first admin and the vault's recovery key, and prints the
 * recovery code once (Notewall keeps no copy). The admin password comes from
 * `NOTEWALL_ADMIN_PASSWORD` or an interactive prompt.
 */
import type { Command } from 'commander';
import { ConfigError, loadConfig, type AppConfig } from '../../config/config.ts';
import { readSecret, SecretInputError } from '../../config/secret-input.ts';
import { StorageError } from '../../db/errors.ts';
import { setupPractice } from '../../db/ops/setup.ts';
import { UsageError } from '../io.ts';
import type { RegisterCommand } from './index.ts';

/** Loads the configuration, turning every configuration problem into one usage error. */
export function configOrUsage(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}

/** Reads a secret, turning a missing one into a usage error. */
export async function secretOrUsage(envVar: string, prompt: string, confirm = false): Promise<string> {
  try {
    return await readSecret(envVar, prompt, { confirm });
  } catch (err) {
    if (err instanceof SecretInputError) throw new UsageError(err.message);
    throw err;
  }
}

/** Storage errors caused by the input become usage errors (exit 2) naming the field. */
export function storageToUsage(err: unknown): never {
  if (err instanceof StorageError && (err.code === 'invalid-input' || err.code === 'conflict' || err.code === 'not-found')) {
    throw new UsageError(err.message);
  }
  throw err;
}

interface SetupOptions {
  readonly practice: string;
  readonly username: string;
  readonly displayName: string;
  readonly clinician?: boolean;
}

export const registerSetup: RegisterCommand = (program: Command) => {
  program
    .command('setup')
    .description('create the practice and its first admin; prints the recovery code once')
    .requiredOption('--practice <name>', 'practice name')
    .requiredOption('--username <user>', "the first admin's username")
    .requiredOption('--display-name <name>', "the first admin's display name")
    .option('--clinician', 'the admin also sees clients (adds the clinician role)')
    .addHelpText('after', '\nThe admin password is read from NOTEWALL_ADMIN_PASSWORD, or prompted for when unset.')
    .action(async (opts: SetupOptions) => {
      const config = configOrUsage();
      const password = await secretOrUsage('NOTEWALL_ADMIN_PASSWORD', 'Admin password: ', true);
      const result = await setupPractice(config.store, {
        practiceName: opts.practice,
        admin: { username: opts.username, displayName: opts.displayName, password, roles: opts.clinician ? ['admin', 'clinician'] : ['admin'] },
      }).catch(storageToUsage);
      const where = config.store.kind === 'sqlite' ? config.store.dataDir : `PostgreSQL schemas ${config.store.chartSchema} / ${config.store.vaultSchema}`;
      process.stdout.write(
        [
          `Practice "${opts.practice}" is set up in ${where}.`,
          `Admin: ${opts.username} (${result.adminId})`,
          ...(result.clearedUnfinished ? ['(An earlier setup had not finished; its vault keys were removed and its recovery code, never shown, is void.)'] : []),
          '',
          'RECOVERY CODE (shown once; Notewall keeps no copy):',
          '',
          `    ${result.recoveryCode}`,
          '',
          'Print it and keep it where your privacy officer can reach it in an emergency. It opens',
          'every psychotherapy note in the vault: store it like the key to a records room.',
          '',
        ].join('\n'),
      );
    });
};
