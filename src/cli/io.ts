/**
 * Input helpers shared by the CLI commands: reading a note file (or stdin) with the checks
 * that keep garbage out of the linter.
 */
import { readFile, stat } from 'node:fs/promises';

/** Bad usage or unreadable input: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const MAX_INPUT_BYTES = 1024 * 1024;

/**
 * Reads a UTF-8 text file, or standard input when `path` is `-`. Refuses empty, binary,
 * non-UTF-8 and over-1-MB input with a message that names the file and the problem.
 */
export async function readTextInput(path: string): Promise<string> {
  let bytes: Buffer;
  const label = path === '-' ? 'standard input' : path;
  if (path === '-') {
    bytes = await readStdin();
  } else {
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      throw new UsageError(`cannot read ${label}: ${describeFsError(err)}`);
    }
    if (info.isDirectory()) throw new UsageError(`cannot read ${label}: it is a directory, not a file`);
    if (info.size > MAX_INPUT_BYTES) {
      throw new UsageError(`${label} is ${formatBytes(info.size)}; the limit is 1 MB per note`);
    }
    try {
      bytes = await readFile(path);
    } catch (err) {
      throw new UsageError(`cannot read ${label}: ${describeFsError(err)}`);
    }
  }
  return decodeText(bytes, label);
}

/** Decodes note bytes, rejecting what is not a UTF-8 text note. */
export function decodeText(bytes: Uint8Array, label: string): string {
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new UsageError(`${label} is ${formatBytes(bytes.length)}; the limit is 1 MB per note`);
  }
  if (bytes.length === 0) throw new UsageError(`${label} is empty: there is no note to check`);
  if (bytes.includes(0)) throw new UsageError(`${label} looks binary (it contains NUL bytes); give a plain-text note`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${label} is not valid UTF-8 text; save it as UTF-8 and try again`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new UsageError(`${label} contains only white space: there is no note to check`);
  return text;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    total += buf.length;
    if (total > MAX_INPUT_BYTES) throw new UsageError(`standard input is over 1 MB; the limit is 1 MB per note`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function describeFsError(err: unknown): string {
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory, not a file';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
