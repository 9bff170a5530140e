/**
 * Totals of one instrument over time as an SVG chart: the instrument's bands shaded, the
 * meaningful-change threshold drawn around the first (baseline) score, and each later score
 * marked when its change from baseline is meaningful (`compareToBaseline`). The SVG has a
 * title and description, and a table gives the same data as text.
 */
import { Stack, Table, Text } from '@mantine/core';
import { useId } from 'react';
import { bandForTotal, bandsFor, compareToBaseline, INSTRUMENTS, type ChangeResult, type InstrumentId } from '../../core/measures/index.ts';

export interface MeasurePoint {
  /** Date administered, `YYYY-MM-DD`. */
  readonly date: string;
  readonly total: number;
}

export interface MeasureTrendChartProps {
  readonly instrument: InstrumentId;
  readonly points: readonly MeasurePoint[];
}

const W = 640;
const H = 260;
const M = { top: 14, right: 190, bottom: 34, left: 40 };

/** Band fills, lightest for the least severe. Text on them stays dark for contrast. */
const BAND_FILLS = ['#e6fcf5', '#fff9db', '#fff4e6', '#ffe8cc', '#ffe3e3'];

function changeWords(c: ChangeResult): string {
  if (c.direction === 'unchanged') return 'no change';
  const size = `${c.delta > 0 ? '+' : '−'}${Math.abs(c.delta)}`;
  if (!c.meaningful) return `${size}, below the ${c.threshold}-point threshold`;
  return `${size}, ${c.level === 'reliable' ? 'reliable' : 'clinically significant'} ${c.direction === 'improved' ? 'improvement' : 'worsening'}`;
}

/** The chart and its table. Points are sorted by date; the first is the baseline. */
export function MeasureTrendChart({ instrument, points }: MeasureTrendChartProps) {
  const uid = useId();
  const def = INSTRUMENTS[instrument];
  const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date));
  const baseline = sorted[0];
  const max = def.totalMax;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const y = (t: number): number => M.top + (1 - t / max) * plotH;
  const times = sorted.map((p) => Date.parse(`${p.date}T00:00:00Z`));
  const t0 = times[0] ?? 0;
  const span = (times.at(-1) ?? 0) - t0;
  const x = (i: number): number => (span > 0 ? M.left + (((times[i] ?? t0) - t0) / span) * plotW : M.left + plotW / 2);
  const bands = bandsFor(instrument);
  const changes = sorted.map((p) => (baseline ? compareToBaseline(instrument, baseline.total, p.total) : undefined));
  const threshold = changes[0]?.threshold ?? def.change[0]?.minDelta ?? 0;

  const last = sorted.at(-1);
  const lastChange = changes.at(-1);
  const description =
    baseline && last
      ? `${sorted.length} ${def.displayName} ${sorted.length === 1 ? 'score' : 'scores'} from ${baseline.date} to ${last.date}. ` +
        `Baseline ${baseline.total} (${bandForTotal(instrument, baseline.total)?.label ?? '?'}), latest ${last.total} (${bandForTotal(instrument, last.total)?.label ?? '?'}). ` +
        (sorted.length > 1 && lastChange ? `Change from baseline: ${changeWords(lastChange)}. ` : '') +
        `Meaningful change is ${threshold} points or more.`
      : `No ${def.displayName} scores yet.`;

  return (
    <Stack gap="xs">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-labelledby={`${uid}-title ${uid}-desc`}
        style={{ maxWidth: `${W}px`, height: 'auto', display: 'block' }}
      >
        <title id={`${uid}-title`}>{`${def.displayName} totals over time`}</title>
        <desc id={`${uid}-desc`}>{description}</desc>
        {bands.map((b, i) => (
          <g key={b.key}>
            <rect x={M.left} y={y(Math.min(b.max + 1, max))} width={plotW} height={y(b.min) - y(Math.min(b.max + 1, max))} fill={BAND_FILLS[Math.min(i + (bands.length === 2 ? 2 : 0), 4)]} />
            <text x={W - M.right + 6} y={(y(b.min) + y(Math.min(b.max + 1, max))) / 2 + 4} fontSize="11" fill="#343a40">
              {b.label} ({b.min}–{b.max})
            </text>
          </g>
        ))}
        {/* Axis and gridlines at band boundaries. */}
        <line x1={M.left} y1={M.top} x2={M.left} y2={M.top + plotH} stroke="#495057" />
        <line x1={M.left} y1={M.top + plotH} x2={M.left + plotW} y2={M.top + plotH} stroke="#495057" />
        {[0, ...bands.slice(1).map((b) => b.min), max].map((t) => (
          <text key={t} x={M.left - 6} y={y(t) + 4} fontSize="11" textAnchor="end" fill="#343a40">
            {t}
          </text>
        ))}
        {baseline &&
          [baseline.total - threshold, baseline.total + threshold]
            .filter((t) => t >= 0 && t <= max)
            .map((t) => (
              <g key={t}>
                <line x1={M.left} x2={M.left + plotW} y1={y(t)} y2={y(t)} stroke="#1864ab" strokeDasharray="6 4" strokeWidth={1.5} />
                <text x={M.left + 4} y={y(t) - 4} fontSize="10" fill="#1864ab">
                  {t < baseline.total ? `meaningful improvement (−${threshold})` : `meaningful worsening (+${threshold})`}
                </text>
              </g>
            ))}
        {sorted.length > 1 && (
          <polyline fill="none" stroke="#212529" strokeWidth={2} points={sorted.map((p, i) => `${x(i)},${y(p.total)}`).join(' ')} />
        )}
        {sorted.map((p, i) => {
          const c = changes[i];
          const meaningful = i > 0 && c?.meaningful === true;
          return (
            <g key={`${p.date}-${i}`}>
              {meaningful ? (
                <rect x={x(i) - 6} y={y(p.total) - 6} width={12} height={12} transform={`rotate(45 ${x(i)} ${y(p.total)})`} fill={c.direction === 'improved' ? '#087f5b' : '#c92a2a'} />
              ) : (
                <circle cx={x(i)} cy={y(p.total)} r={i === 0 ? 6 : 4.5} fill={i === 0 ? '#1864ab' : '#212529'} />
              )}
              <text x={x(i)} y={H - 18} fontSize="10" textAnchor="middle" fill="#343a40">
                {p.date.slice(5)}
              </text>
            </g>
          );
        })}
        <text x={M.left} y={H - 4} fontSize="10" fill="#343a40">
          ● baseline (blue) · ◆ meaningful change from baseline
        </text>
      </svg>
      <Table withTableBorder fz="sm" style={{ maxWidth: '44rem' }}>
        <Table.Caption>{def.displayName} scores (table view of the chart)</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Date</Table.Th>
            <Table.Th scope="col">Total</Table.Th>
            <Table.Th scope="col">Band</Table.Th>
            <Table.Th scope="col">Change from baseline</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((p, i) => (
            <Table.Tr key={`${p.date}-${i}`}>
              <Table.Th scope="row">{p.date}</Table.Th>
              <Table.Td>{p.total}</Table.Td>
              <Table.Td>{bandForTotal(instrument, p.total)?.label ?? 'out of range'}</Table.Td>
              <Table.Td>{i === 0 ? 'baseline' : changes[i] ? changeWords(changes[i]) : ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {sorted.length === 0 && <Text c="dimmed">No scores yet.</Text>}
    </Stack>
  );
}
