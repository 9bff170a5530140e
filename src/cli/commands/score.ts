/**
 * `notewall score phq9|gad7|pcl5 ITEMS [--json] [--pcl5-cutoff N] [--baseline TOTAL]`:
 * scores a measure from comma-separated item answers and prints the total, band, the PHQ-9
 * item 9 safety flag, PCL-5 cluster subscores and provisional PTSD, and optionally the
 * change from a baseline total. Bad input exits 2 with a message naming the item.
 */
import type { Command } from 'commander';
import type { RegisterCommand } from './index.ts';
import { UsageError } from '../io.ts';
import {
  bandsFor,
  compareToBaseline,
  INSTRUMENT_IDS,
  INSTRUMENTS,
  isInstrumentId,
  MeasureInputError,
  scoreMeasure,
  type ChangeResult,
  type InstrumentId,
  type MeasureOptions,
  type MeasureResult,
} from '../../core/measures/index.ts';

interface ScoreOptions {
  readonly json?: boolean;
  readonly pcl5Cutoff?: string;
  readonly baseline?: string;
}

export const registerScore: RegisterCommand = (program: Command) => {
  program
    .command('score')
    .description('Score a PHQ-9, GAD-7 or PCL-5 from its item answers')
    .argument('<instrument>', `one of ${INSTRUMENT_IDS.join(', ')}`)
    .argument('<items>', 'item answers in questionnaire order, comma-separated, e.g. 1,2,0,3,1,0,2,1,0')
    .option('--json', 'print only the result as JSON')
    .option('--pcl5-cutoff <total>', 'PCL-5 total for a provisional PTSD diagnosis (default 33; NCPTSD documents 31–33)')
    .option('--baseline <total>', 'an earlier total of the same measure, to report the change')
    .addHelpText(
      'after',
      '\nExamples:\n  notewall score phq9 1,2,0,3,1,0,2,1,0\n  notewall score gad7 2,2,1,1,0,1,2 --baseline 15 --json\n  notewall score pcl5 1,2,3,4,0,1,1,0,1,2,3,0,1,2,2,2,2,2,2,2 --pcl5-cutoff 31',
    )
    .action((instrumentArg: string, itemsArg: string, opts: ScoreOptions) => {
      const instrument = parseInstrument(instrumentArg);
      const options = parseOptions(instrument, opts);
      const pieces = splitItems(itemsArg);
      const result = withUsageErrors(() => scoreMeasure(instrument, pieces.map(toNumber), options), pieces);
      const baseline = opts.baseline === undefined ? undefined : parseWhole(opts.baseline, '--baseline');
      const change = baseline === undefined ? undefined : withUsageErrors(() => compareToBaseline(instrument, baseline, result.total), pieces);

      if (opts.json) {
        process.stdout.write(`${JSON.stringify(change ? { ...result, change } : result, null, 2)}\n`);
        return;
      }
      process.stdout.write(renderHuman(result, options, baseline, change));
    });
};

/** Accepts "phq9", "PHQ-9", "gad7", "PCL5"…; anything else is a usage error. */
function parseInstrument(text: string): InstrumentId {
  const id = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (isInstrumentId(id)) return id;
  throw new UsageError(`unknown instrument "${text}"; use one of ${INSTRUMENT_IDS.join(', ')}`);
}

function parseOptions(instrument: InstrumentId, opts: ScoreOptions): MeasureOptions {
  if (opts.pcl5Cutoff === undefined) return {};
  if (instrument !== 'pcl5') throw new UsageError('--pcl5-cutoff applies to the PCL-5 only');
  return { pcl5Cutoff: parseWhole(opts.pcl5Cutoff, '--pcl5-cutoff') };
}

function parseWhole(text: string, flag: string): number {
  if (!/^\s*-?\d+\s*$/.test(text)) throw new UsageError(`${flag} is "${text}"; give a whole number`);
  return Number(text);
}

/** "1,2,0" or "1 2 0"; an empty answer stays as an empty string so the message can name it. */
function splitItems(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  return (trimmed.includes(',') ? trimmed.split(',') : trimmed.split(/\s+/)).map((s) => s.trim());
}

function toNumber(piece: string): number {
  return /^[-+]?\d+(\.\d+)?$/.test(piece) ? Number(piece) : Number.NaN;
}

/** Turns the core's input errors into exit-2 usage errors, quoting what was typed. */
function withUsageErrors<T>(fn: () => T, pieces: readonly string[]): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof MeasureInputError)) throw err;
    const index = /^items\[(\d+)\]$/.exec(err.field)?.[1];
    const piece = index === undefined ? undefined : pieces[Number(index)];
    if (piece !== undefined && Number.isNaN(toNumber(piece))) {
      // The core saw NaN; show what the clinician actually typed.
      const shown = piece === '' ? 'empty' : `"${piece}"`;
      throw new UsageError(err.message.replace(/^item (\d+) is NaN/, `item $1 is ${shown}`));
    }
    throw new UsageError(err.message);
  }
}

function renderHuman(result: MeasureResult, options: MeasureOptions, baseline: number | undefined, change: ChangeResult | undefined): string {
  const def = INSTRUMENTS[result.instrument];
  const band = bandsFor(result.instrument, options).find((b) => b.key === result.band.key);
  const lines: string[] = [
    `${def.displayName} total: ${result.total} of ${def.totalMax}`,
    `${result.instrument === 'pcl5' ? 'Screen' : 'Severity'}: ${result.band.label}${band ? ` (${band.min}–${band.max})` : ''}`,
  ];

  const safety = def.safetyItem;
  if (safety && result.flags.item9Value !== undefined) {
    lines.push(`Item ${safety.item} (${safety.description}): ${result.flags.item9Value} (${result.flags.item9Positive ? 'positive' : 'negative'})`);
    if (result.flags.item9Positive) {
      lines.push(
        `SAFETY FOLLOW-UP REQUIRED: item ${safety.item} is positive. Assess suicide risk today (e.g. the C-SSRS screener) and document the assessment and safety plan in the progress note.`,
      );
    }
  }

  const pcl5 = def.pcl5;
  if (pcl5 && result.subscores && result.provisionalPtsd) {
    lines.push('Cluster subscores:');
    for (const c of pcl5.clusters) {
      const max = (c.lastItem - c.firstItem + 1) * def.itemMax;
      lines.push(`  ${c.key} ${c.name} (items ${c.firstItem}–${c.lastItem}): ${result.subscores[c.key]} of ${max}`);
    }
    const rule = pcl5.clusters.map((c) => `≥${c.minSymptoms} ${c.key}`).join(', ');
    lines.push(`Provisional PTSD by cutoff (total ≥${result.provisionalPtsd.cutoff}): ${yesNo(result.provisionalPtsd.byCutoff)}`);
    lines.push(`Provisional PTSD by DSM-5 rule (items rated ≥${pcl5.symptomThreshold}: ${rule}): ${yesNo(result.provisionalPtsd.byDsm5Rule)}`);
    lines.push('A provisional result is a screen, not a diagnosis; confirm with a clinical interview such as the CAPS-5.');
  }

  if (change && baseline !== undefined) {
    const level = change.level === 'none' ? `below the ${change.threshold}-point threshold` : change.level.replace('-', ' ');
    const delta = change.delta > 0 ? `+${change.delta}` : String(change.delta);
    lines.push(`Change from baseline ${baseline}: ${delta} (${change.direction}; ${level})`);
    if (change.response !== undefined && change.remission !== undefined) {
      lines.push(`Response (≥50% drop): ${yesNo(change.response)}; remission (total <5): ${yesNo(change.remission)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function yesNo(b: boolean): string {
  return b ? 'yes' : 'no';
}
