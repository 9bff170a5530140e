/**
 * Split review: paste raw session notes, see where each sentence is proposed to go and
 * why, change a destination, and accept into the two notes. A sentence that carries
 * content 45 CFR 164.501 excludes from psychotherapy notes is locked to the progress note,
 * with the reason shown; no toggle can send it to the private note.
 */
import { Badge, Button, Code, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useId, useMemo, useState } from 'react';
import { splitNote, type SplitDestination, type SplitSegment } from '../../core/drafting/index.ts';
import { PRIVATE_COLOR } from '../theme.ts';

export interface SplitAccepted {
  readonly progress: string;
  readonly psychotherapy: string;
}

export interface SplitReviewProps {
  readonly initialText?: string | undefined;
  readonly onAccept: (result: SplitAccepted) => void;
}

const EXCLUSION_PREFIX = 'psychotherapy-note/';

/** Why a locked sentence cannot go to the private note, per rule. */
const LOCK_REASONS: Readonly<Record<string, string>> = {
  'psychotherapy-note/no-medication': 'medication',
  'psychotherapy-note/no-session-times': 'session start or stop times',
  'psychotherapy-note/no-modality-frequency': 'treatment modality or frequency',
  'psychotherapy-note/no-test-results': 'test results',
  'psychotherapy-note/no-clinical-summary': 'a clinical summary (diagnosis, symptoms, prognosis, progress or plan)',
};

/** True when the splitter found excluded content in the segment. */
export function isLocked(segment: SplitSegment): boolean {
  return segment.reasons.some((r) => r.startsWith(EXCLUSION_PREFIX));
}

/** Joins the chosen sentences of each destination, keeping line breaks that separated them. */
export function assemble(text: string, segments: readonly SplitSegment[], destinationOf: (s: SplitSegment) => SplitDestination): SplitAccepted {
  const out: Record<SplitDestination, string> = { progress: '', psychotherapy: '' };
  let prevEnd = 0;
  for (const s of segments) {
    const d = destinationOf(s);
    const gap = text.slice(prevEnd, s.start);
    if (out[d] !== '') out[d] += gap.includes('\n') ? '\n' : ' ';
    out[d] += s.text.trim();
    prevEnd = s.end;
  }
  return out;
}

/** Paste box, per-sentence destinations with reasons, and accept. */
export function SplitReview({ initialText = '', onAccept }: SplitReviewProps) {
  const uid = useId();
  const [text, setText] = useState(initialText);
  const [overrides, setOverrides] = useState<ReadonlyMap<string, SplitDestination>>(new Map());
  const segments = useMemo(() => splitNote(text).segments.filter((s) => s.text.trim() !== ''), [text]);
  // A choice belongs to a sentence at a place; editing the text re-proposes changed sentences.
  const keyOf = (s: SplitSegment): string => `${s.start}:${s.text}`;
  const destinationOf = (s: SplitSegment): SplitDestination => (isLocked(s) ? 'progress' : overrides.get(keyOf(s)) ?? s.destination);
  const counts = segments.reduce((c, s) => ({ ...c, [destinationOf(s)]: c[destinationOf(s)] + 1 }), { progress: 0, psychotherapy: 0 });

  return (
    <Stack gap="md">
      <Title order={2} size="h4" id={`${uid}-title`}>
        Split raw notes
      </Title>
      <Textarea
        label="Raw session notes"
        description="Paste your notes; each sentence is routed to the progress note or the psychotherapy note."
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={4}
      />
      {segments.length > 0 && (
        <Text size="sm" role="status">
          {segments.length} sentences: {counts.progress} to the progress note, {counts.psychotherapy} to the psychotherapy note.
        </Text>
      )}
      <Stack gap="xs" component="ol" style={{ paddingLeft: 0, listStyle: 'none', margin: 0 }} aria-label="Sentences and destinations">
        {segments.map((s, i) => {
          const locked = isLocked(s);
          const dest = destinationOf(s);
          const lockWhy = s.reasons.filter((r) => r.startsWith(EXCLUSION_PREFIX)).map((r) => LOCK_REASONS[r] ?? r);
          return (
            <li key={keyOf(s)}>
              <Paper
                withBorder
                p="xs"
                style={dest === 'psychotherapy' ? { borderLeft: `4px dashed var(--mantine-color-${PRIVATE_COLOR}-7)` } : { borderLeft: '4px solid var(--mantine-color-teal-7)' }}
              >
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  <Text span fw={600} size="sm">
                    {i + 1}.{' '}
                  </Text>
                  {s.text}
                </Text>
                <Group gap="md" mt={4} wrap="wrap" align="center">
                  <Radio.Group
                    label={`Destination of sentence ${i + 1}`}
                    value={dest}
                    onChange={(v) => setOverrides((m) => new Map(m).set(keyOf(s), v))}
                    size="xs"
                  >
                    <Group gap="sm" mt={2}>
                      <Radio value="progress" label="Progress note" />
                      <Radio value="psychotherapy" label="Psychotherapy note" disabled={locked} />
                    </Group>
                  </Radio.Group>
                  {locked && (
                    <Badge color="red" variant="light" style={{ textTransform: 'none', height: 'auto', whiteSpace: 'normal' }}>
                      Locked: holds {lockWhy.join(', ')} (45 CFR 164.501)
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed" mt={4}>
                  Reasons:{' '}
                  {s.reasons.map((r) => (
                    <Code key={r} fz="xs" mr={4}>
                      {r}
                    </Code>
                  ))}
                </Text>
              </Paper>
            </li>
          );
        })}
      </Stack>
      <Group>
        <Button disabled={segments.length === 0} onClick={() => onAccept(assemble(text, segments, destinationOf))}>
          Accept into both notes
        </Button>
      </Group>
    </Stack>
  );
}
