/**
 * Staff training on the progress-note / psychotherapy-note line and release procedures.
 */
export * from './scenario.ts';
export { SCENARIOS } from './scenarios.ts';
export * from './grade.ts';
