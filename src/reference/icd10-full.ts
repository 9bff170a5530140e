/**
 * The full ICD-10-CM code list for the server and CLI, read once from the gzipped copy the
 * project ships (`assets/icd10cm/`, built by `scripts/build-icd10.ts`). The shared data
 * folder the copy was built from does not exist where a practice runs Notewall.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createIcd10Lookup, parseIcd10Tsv, type Icd10Lookup } from '../core/codes/icd10.ts';
import { ICD10_CODE_SET_VERSION } from '../core/codes/icd10-behavioral.data.ts';

/** Where the shipped full list lives, resolved against this module so it works from any cwd. */
export const FULL_ICD10_ASSET = new URL(`../../assets/icd10cm/icd10cm-${ICD10_CODE_SET_VERSION.replace(/^FY/, '')}.tsv.gz`, import.meta.url);

let full: Icd10Lookup | undefined;

/**
 * Every ICD-10-CM code of the shipped code-set year, loaded on first call (about 0.7 MB
 * gzipped, ~98,000 codes) and kept for the life of the process.
 *
 * @throws Error naming the file when the asset is missing or malformed.
 */
export function loadFullIcd10Lookup(): Icd10Lookup {
  if (full) return full;
  let text: string;
  try {
    text = gunzipSync(readFileSync(FULL_ICD10_ASSET)).toString('utf8');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`cannot read the ICD-10-CM code list ${FULL_ICD10_ASSET.pathname}: ${reason}; rebuild it with npx tsx scripts/build-icd10.ts`);
  }
  full = createIcd10Lookup(parseIcd10Tsv(text), { version: ICD10_CODE_SET_VERSION, scope: 'full' });
  return full;
}
