/**
 * Generates synthetic signed progress notes in a PostgreSQL chart schema with set-based SQL
 * (generate_series), for the chart-page benchmark: `count` notes spread over clients of
 * `notesPerClient` notes each, weekly sessions, all signed by one synthetic clinician.
 * Each note's content is canonical JSON of a valid `ProgressNoteContent` and its hash is
 * SHA-256 of that text, so generated notes verify like real ones.
 *
 *   npx tsx scripts/generate-notes.ts --url postgres://role@host/db --schema chart --count 1000000
 *
 * The schema must be migrated (open it once with Notewall) and must not yet hold the
 * generated ids. All text is synthetic.
 */
import pg from 'pg';
import { parseArgs } from 'node:util';
import { canonicalJson } from '../src/db/canonical-json.ts';
import { ProgressNoteContent } from '../src/core/notes/model.ts';

export interface GenerateOptions {
  readonly count: number;
  readonly notesPerClient?: number;
  /** Prefix of generated ids, so several runs can share a schema. */
  readonly prefix?: string;
}

export interface GenerateResult {
  readonly notes: number;
  readonly clients: number;
  readonly authorId: string;
  readonly clientIds: (i: number) => string;
  readonly ms: number;
}

const PLACEHOLDER = '__N__';

/** The canonical content text with `__N__` where the note number goes. */
function contentTemplate(): string {
  const content = ProgressNoteContent.parse({
    format: 'dap',
    session: { date: '2020-01-01', modality: 'individual', cptCodes: ['90834'] },
    sections: { data: `Synthetic generated note ${PLACEHOLDER}.`, assessment: 'Stable.', plan: 'Continue weekly.' },
  });
  return canonicalJson(content);
}

/** Inserts the practice rows and `count` notes using `client` (already connected, search_path set). */
export async function generateNotes(client: pg.Client | pg.PoolClient, options: GenerateOptions): Promise<GenerateResult> {
  const per = options.notesPerClient ?? 100;
  const prefix = options.prefix ?? 'gen';
  const clients = Math.ceil(options.count / per);
  const authorId = `${prefix}-author`;
  const at = '2020-01-01T00:00:00.000Z';
  const template = contentTemplate();
  const t0 = performance.now();
  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO users (id, username, display_name, password_hash, active, created_at) VALUES ($1, $2, 'Generated clinician', 'x', 1, $3)`,
      [authorId, `${prefix}-clinician`, at],
    );
    await client.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'clinician')`, [authorId]);
    await client.query(
      `INSERT INTO clients (id, external_ref, display_name, date_of_birth, created_at, created_by)
       SELECT $1 || '-client-' || c, NULL, 'G' || c, NULL, $2, $3 FROM generate_series(1, $4::int) c`,
      [prefix, at, authorId, clients],
    );
    await client.query(
      `INSERT INTO client_assignments (client_id, user_id, relation, created_at)
       SELECT $1 || '-client-' || c, $2, 'clinician', $3 FROM generate_series(1, $4::int) c`,
      [prefix, authorId, at, clients],
    );
    // Note n belongs to client ((n - 1) / per) + 1, session week ((n - 1) % per).
    await client.query(
      `INSERT INTO progress_notes (id, client_id, session_id, author_id, session_date, format, status, version,
                                   content_json, content_hash, signed_by, signed_at, created_at, updated_at)
       SELECT id, client_id, NULL, $3, d, 'dap', 'signed', 1, body, encode(sha256(convert_to(body, 'UTF8')), 'hex'), $3, $4, $4, $4
         FROM (SELECT $1 || '-note-' || lpad(n::text, 8, '0') AS id,
                      $1 || '-client-' || (((n - 1) / $5::int) + 1) AS client_id,
                      to_char(date '2000-01-03' + (((n - 1) % $5::int) * 7), 'YYYY-MM-DD') AS d,
                      replace($2::text, '${PLACEHOLDER}', n::text) AS body
                 FROM generate_series(1, $6::int) n) g`,
      [prefix, template, authorId, at, per, options.count],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
  await client.query('ANALYZE progress_notes');
  return { notes: options.count, clients, authorId, clientIds: (i) => `${prefix}-client-${i}`, ms: performance.now() - t0 };
}

async function cli(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, schema: { type: 'string' }, count: { type: 'string', default: '100000' }, 'per-client': { type: 'string', default: '100' }, prefix: { type: 'string', default: 'gen' } } });
  if (!values.url || !values.schema) throw new Error('usage: generate-notes --url URL --schema SCHEMA [--count N] [--per-client N] [--prefix P]');
  const client = new pg.Client({ connectionString: values.url, options: `-c search_path=${values.schema}` });
  await client.connect();
  try {
    const r = await generateNotes(client, { count: Number(values.count), notesPerClient: Number(values['per-client']), prefix: values.prefix });
    console.log(`generated ${r.notes} notes for ${r.clients} clients in ${(r.ms / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await cli();
