/**
 * The `notewall` command line. Each command lives in its own file under `commands/` and
 * registers itself on the program; this file only wires them together and maps errors to
 * exit codes (0 fine, 1 findings or a failed check, 2 bad usage or unreadable input).
 */
import { Command, CommanderError } from 'commander';
import { UsageError } from './io.ts';
import { COMMANDS } from './commands/index.ts';

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name('notewall')
    .description('Notewall: progress notes and psychotherapy notes kept apart, checked and released by the rules.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  let exitCode = 0;
  const setExit = (code: number): void => {
    exitCode = Math.max(exitCode, code);
  };
  for (const register of COMMANDS) register(program, setExit);

  // Bare `notewall` (and `npm start`): show what it can do, successfully.
  if (argv.length <= 2) {
    program.outputHelp();
    process.stdout.write('\nExample: notewall lint examples/notes/progress-soap-with-problems.txt\n');
    return 0;
  }
  try {
    await program.parseAsync([...argv]);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`notewall: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  return exitCode;
}
