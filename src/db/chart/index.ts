/**
 * The chart's repository API, for the server and the CLI. Every function takes a
 * `RepoContext` (the open store and the acting user), checks access, and audits in the
 * same transaction. The vault is not here: it lives in `src/db/vault/` and only the
 * paths listed in test/db/import-boundaries.test.ts may import it.
 */
export { chartTarget, openChartStore, icd10FullList, CHART_FILE, type ChartStore, type ChartStoreOptions, type Icd10Check } from './chart-store.ts';
export { loadActor, type Actor, type RepoContext } from './context.ts';
export { decideAccess, PERMISSIONS, ROLE_GRANTS, type Permission, type AccessDecision } from './access-policy.ts';
export { ROLES, ASSIGNMENT_RELATIONS, type Role, type AssignmentRelation, type ChartDatabase } from './schema.ts';
export { authenticate, createUser, listUsers, practiceExists, recordTraining, unsafeCreatePractice, unsafeSetPasswordHash } from './users-repository.ts';
export { assignClient, createClient, getClient, listClients, type Client } from './clients-repository.ts';
export { createSession, listSessions, type Session } from './sessions-repository.ts';
export { addDiagnosis, addGoal, listDiagnoses, listGoals, recordMeasure, type Diagnosis } from './clinical-repository.ts';
export {
  addAddendum,
  chartPage,
  cosignNote,
  createDraft,
  getNote,
  noteContentHash,
  signNote,
  updateDraft,
  verifyStoredNote,
  type Addendum,
  type ChartPage,
  type ChartPageRow,
  type ProgressNote,
  type Signature,
} from './notes-repository.ts';
export { createRecordsRequest, listDisclosures, recordAuthorization, recordDisclosure, type DisclosureEntry } from './records-repository.ts';
