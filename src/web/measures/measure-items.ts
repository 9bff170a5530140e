/**
 * Short paraphrases of each questionnaire item and the answer scales, for labelling the
 * entry form. Paraphrases, not the instruments' wording: the clinician administers the
 * measure on its own form and enters the answers here. Counts and ranges come from
 * `INSTRUMENTS` in core; a test checks this table against it.
 */
import type { InstrumentId } from '../../core/measures/index.ts';

export const ITEM_PARAPHRASES: Readonly<Record<InstrumentId, readonly string[]>> = {
  phq9: [
    'little interest or pleasure',
    'feeling down or hopeless',
    'sleep problems',
    'tired, little energy',
    'appetite changes',
    'feeling bad about oneself',
    'trouble concentrating',
    'moving or speaking slowly, or restless',
    'thoughts of being better off dead or of self-harm',
  ],
  gad7: [
    'nervous, anxious or on edge',
    'unable to stop or control worrying',
    'worrying too much',
    'trouble relaxing',
    'so restless it is hard to sit still',
    'easily annoyed or irritable',
    'afraid something awful might happen',
  ],
  pcl5: [
    'intrusive memories',
    'disturbing dreams',
    'feeling as if it were happening again',
    'upset at reminders',
    'physical reactions to reminders',
    'avoiding memories or thoughts',
    'avoiding external reminders',
    'trouble remembering parts of it',
    'strong negative beliefs',
    'blaming self or others',
    'strong negative feelings',
    'loss of interest in activities',
    'feeling distant from others',
    'trouble having positive feelings',
    'irritable or aggressive behaviour',
    'risky or self-destructive behaviour',
    'being super-alert',
    'easily startled',
    'difficulty concentrating',
    'trouble sleeping',
  ],
};

/** Answer labels by score, per instrument. */
export const ANSWER_SCALES: Readonly<Record<InstrumentId, readonly string[]>> = {
  phq9: ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'],
  gad7: ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'],
  pcl5: ['Not at all', 'A little bit', 'Moderately', 'Quite a bit', 'Extremely'],
};
