/**
 * Passwords and passphrases for the CLI: from an environment variable (scripts, tests) or,
 * when it is unset and standard input is a terminal, from a prompt that does not echo.
 * Never from a command-line argument, which would land in shell history and `ps`.
 */
import { createInterface } from 'node:readline';

export class SecretInputError extends Error {
  override readonly name = 'SecretInputError';
}

/** Reads a secret from `envVar`, else prompts (twice when `confirm`). */
export async function readSecret(envVar: string, prompt: string, options: { confirm?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  const env = options.env ?? process.env;
  const fromEnv = env[envVar];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    throw new SecretInputError(`set ${envVar}, or run in a terminal to be prompted for the ${prompt.replace(/:\s*$/, '').toLowerCase()}`);
  }
  const first = await promptHidden(prompt);
  if (options.confirm) {
    const second = await promptHidden('Repeat to confirm: ');
    if (first !== second) throw new SecretInputError('the two entries differ');
  }
  return first;
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const out = rl as unknown as { _writeToOutput?: (s: string) => void };
    process.stderr.write(prompt);
    // Echo nothing while the secret is typed.
    out._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
