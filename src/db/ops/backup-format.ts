/**
 * The backup file, version 2: a plain-text header line, then a sequence of sealed chunks,
 * one per line. Both dialects write it; version 1 files (one sealed SQLite bundle, no
 * dialect marker) stay readable through `backup.ts`.
 *
 * ```
 * {"format":"notewall-backup","version":2,"dialect":"postgres","createdAt":…,"id":…,"kdf":{…},"check":"g1.…"}
 * m g1.<iv>.<ciphertext>.<tag>      chunk 0 ("m": more chunks follow)
 * m g1.…                            chunk 1
 * f g1.…                            the final chunk ("f")
 * ```
 *
 * - One key per file, derived from the passphrase with argon2id (salt and cost in `kdf`).
 *   `check` seals a fixed text under that key, so a wrong passphrase is told apart from a
 *   changed file.
 * - Each chunk is AES-256-GCM with associated data binding the SHA-256 of the header line,
 *   the chunk's index and its final flag: a changed header (say, the dialect), a changed,
 *   dropped, repeated or reordered chunk, and a file cut short all fail to authenticate or
 *   lack the final chunk. 45 CFR 164.312(c)(1) integrity; 164.312(a)(2)(iv) encryption.
 * - A chunk holds a JSON array of {@link BackupRecord}s (about 256 KiB), so a backup is
 *   written and read as a stream, never held in memory whole.
 */
import { closeSync, createReadStream, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { DIALECT_KINDS, type DialectKind } from '../dialect.ts';
import { aeadOpen, aeadSeal, CryptoError, deriveKey, newKdfParams } from '../crypto-box.ts';
import { StorageError, invalid } from '../errors.ts';

/** The two stores a backup holds. */
export const BACKUP_STORES = ['chart', 'vault'] as const;
export type BackupStore = (typeof BACKUP_STORES)[number];

/** The database files of a SQLite backup. */
export const SQLITE_BACKUP_FILES = ['chart.sqlite', 'vault.sqlite'] as const;

/** argon2id cost as stored in a header; bounded so a crafted header cannot exhaust memory. */
const KdfParamsSchema = z.object({
  alg: z.literal('argon2id'),
  salt: z.string().min(16).max(64),
  memoryCost: z.number().int().min(8192).max(1_048_576),
  timeCost: z.number().int().min(1).max(20),
  parallelism: z.number().int().min(1).max(16),
});

export const BackupHeader = z.object({
  format: z.literal('notewall-backup'),
  version: z.literal(2),
  dialect: z.enum(DIALECT_KINDS),
  createdAt: z.iso.datetime(),
  id: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  kdf: KdfParamsSchema,
  check: z.string(),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

/** A column as the backup records it: name and the database's type name. */
export const BackupColumn = z.object({ name: z.string().min(1), type: z.string().min(1) });
export type BackupColumn = z.infer<typeof BackupColumn>;

/**
 * What a chunk carries. PostgreSQL backups are `table` → `rows`* → `end` per table (every
 * value in its text form, as `COPY` writes it, or null); SQLite backups are `file` →
 * `bytes`* per database file. Every backup ends with `done`.
 */
export const BackupRecord = z.discriminatedUnion('k', [
  z.object({ k: z.literal('table'), store: z.enum(BACKUP_STORES), name: z.string().min(1), columns: z.array(BackupColumn).min(1) }),
  z.object({ k: z.literal('rows'), rows: z.array(z.array(z.string().nullable())) }),
  z.object({ k: z.literal('end'), rows: z.number().int().min(0) }),
  z.object({ k: z.literal('file'), name: z.enum(SQLITE_BACKUP_FILES), bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({ k: z.literal('bytes'), data: z.string() }),
  z.object({ k: z.literal('done') }),
]);
export type BackupRecord = z.infer<typeof BackupRecord>;

const CHUNK_TARGET_CHARS = 256 * 1024;
const CHECK_TEXT = 'notewall-backup key check';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const checkAad = (id: string): string => `notewall-backup/v2/check\n${id}`;
const chunkAad = (headerHash: string, index: number, final: boolean): string => `notewall-backup/v2/chunk\n${headerHash}\n${index}\n${final ? 'final' : 'more'}`;

/** The backup is damaged, changed or cut short: nothing is restored. */
export function damaged(message: string): StorageError {
  return new StorageError('integrity', message);
}

/**
 * Writes a version 2 backup to `<file>.partial` and renames it into place on
 * {@link finish}, so an interrupted backup never leaves a file that looks complete.
 */
export class BackupWriter {
  private pending: string[] = [];
  private pendingChars = 0;
  private index = 0;
  private bytes = 0;
  private closed = false;

  private constructor(
    private readonly file: string,
    private readonly fd: number,
    private readonly key: Buffer,
    private readonly headerHash: string,
  ) {}

  /** Derives the key and writes the header. */
  static async create(file: string, dialect: DialectKind, passphrase: string): Promise<BackupWriter> {
    if (passphrase.length < 12) throw invalid('passphrase', 'must be at least 12 characters');
    const kdf = newKdfParams();
    const key = await deriveKey(passphrase, kdf);
    const id = randomBytes(16).toString('base64url');
    const header: BackupHeader = {
      format: 'notewall-backup',
      version: 2,
      dialect,
      createdAt: new Date().toISOString(),
      id,
      kdf,
      check: aeadSeal(key, Buffer.from(CHECK_TEXT, 'utf8'), checkAad(id)),
    };
    const headerLine = JSON.stringify(header);
    // Backups hold PHI, sealed or not: owner-only permissions (45 CFR 164.312(a)(1)).
    const fd = openSync(`${file}.partial`, 'w', 0o600);
    const writer = new BackupWriter(file, fd, key, sha256(headerLine));
    writer.write(`${headerLine}\n`);
    return writer;
  }

  /** Adds a record; seals and writes a chunk whenever enough has gathered. */
  push(record: BackupRecord): void {
    const text = JSON.stringify(record);
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= CHUNK_TARGET_CHARS) this.flush(false);
  }

  /** Writes the final chunk (with `done`), syncs the file to disk and moves it into place. */
  finish(): { bytes: number } {
    this.push({ k: 'done' });
    this.flush(true);
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.closed = true;
    renameSync(`${this.file}.partial`, this.file);
    return { bytes: this.bytes };
  }

  /** Discards a backup that could not be completed. */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    rmSync(`${this.file}.partial`, { force: true });
  }

  private flush(final: boolean): void {
    const plain = Buffer.from(`[${this.pending.join(',')}]`, 'utf8');
    const sealed = aeadSeal(this.key, plain, chunkAad(this.headerHash, this.index, final));
    this.write(`${final ? 'f' : 'm'} ${sealed}\n`);
    this.index += 1;
    this.pending = [];
    this.pendingChars = 0;
  }

  private write(text: string): void {
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off);
    this.bytes += buf.length;
  }
}

/** A version 2 backup whose header and passphrase have been checked. */
export interface OpenedBackup {
  readonly file: string;
  readonly header: BackupHeader;
  readonly headerLine: string;
  readonly key: Buffer;
}

/** The first line of a file, read without loading the rest. */
export async function readFirstLine(file: string): Promise<string | null> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  try {
    for await (const line of rl) return line;
    return null;
  } finally {
    rl.close();
  }
}

/** Parses a version 2 header line; `null` when the line is not one (e.g. a version 1 file). */
export function parseHeader(line: string): BackupHeader | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = BackupHeader.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Derives the key from the passphrase and proves it is the right one. */
export async function openBackup(file: string, headerLine: string, header: BackupHeader, passphrase: string): Promise<OpenedBackup> {
  const key = await deriveKey(passphrase, header.kdf);
  try {
    aeadOpen(key, header.check, checkAad(header.id));
  } catch (err) {
    if (!(err instanceof CryptoError)) throw err;
    throw invalid('passphrase', 'is wrong for this backup');
  }
  return { file, header, headerLine, key };
}

/**
 * Streams the records of an opened backup, authenticating every chunk. Throws
 * `integrity` at the first changed, missing or reordered chunk, and at the end when the
 * final chunk never came (a truncated file). Callers must not act on what they have seen
 * until the stream has ended without an error.
 */
export async function* readRecords(backup: OpenedBackup): AsyncGenerator<BackupRecord> {
  const headerHash = sha256(backup.headerLine);
  const rl = createInterface({ input: createReadStream(backup.file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  let index = 0;
  let finalSeen = false;
  try {
    for await (const line of rl) {
      if (lineNo++ === 0) {
        if (line !== backup.headerLine) throw damaged('the backup file changed while it was being read');
        continue;
      }
      if (finalSeen) throw damaged(`the backup has data after its final chunk (chunk ${index + 1}): the file was changed`);
      const flag = line.slice(0, 2);
      if (flag !== 'm ' && flag !== 'f ') throw damaged(`chunk ${index + 1} of the backup is malformed: the file was changed or damaged`);
      const final = flag === 'f ';
      let plain: Buffer;
      try {
        plain = aeadOpen(backup.key, line.slice(2), chunkAad(headerHash, index, final));
      } catch (err) {
        if (!(err instanceof CryptoError)) throw err;
        throw damaged(`chunk ${index + 1} of the backup does not authenticate: the file was changed, damaged or reordered`);
      }
      const records = z.array(BackupRecord).safeParse(JSON.parse(plain.toString('utf8')));
      if (!records.success) throw damaged(`chunk ${index + 1} of the backup holds records this version does not understand`);
      for (const r of records.data) yield r;
      finalSeen = final;
      index += 1;
    }
  } finally {
    rl.close();
  }
  if (!finalSeen) throw damaged(`the backup is truncated: it ends after chunk ${index} without its final chunk`);
}
