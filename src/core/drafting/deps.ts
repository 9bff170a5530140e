/**
 * The drafting module's only doorway to the rest of core: measure scoring and the
 * compliance linter. Drafting never scores a measure or judges a sentence itself; it asks
 * these functions, so a change in the measures table or a linter rule reaches the composer
 * and the splitter through this one file.
 */
export {
  InstrumentIdSchema,
  INSTRUMENTS,
  MeasureInputError,
  bandForTotal,
  compareToBaseline,
  scoreMeasure,
  totalRange,
} from '../measures/index.ts';
export type { ChangeResult, InstrumentId, MeasureResult } from '../measures/index.ts';
export { lint } from '../rules/index.ts';
export type { Finding, LintResult, RuleId } from '../rules/index.ts';
