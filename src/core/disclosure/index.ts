/**
 * Release of information: the disclosure gate and what it needs. Import from here.
 */
export * from './request.ts';
export * from './authorization.ts';
export * from './deadlines.ts';
export { decideDisclosure } from './decide.ts';
export type { DecideOptions } from './decide.ts';
export { REQUESTER_RULES, CONDITIONS, AUTHOR_APPROVAL_NOTE } from './rules.ts';
export type { RequesterRule, ClassRule, PermitRule, DenyRule, ConditionId } from './rules.ts';
