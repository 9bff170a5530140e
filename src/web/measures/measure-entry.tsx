/**
 * Item-by-item entry for PHQ-9, GAD-7 and PCL-5: one radio group per item (arrow keys move
 * within a group, Tab between groups), the running total, the band once complete (scored by
 * core, never typed), PCL-5 cluster subscores, and the PHQ-9 item-9 safety prompt.
 */
import { Alert, Badge, Button, Group, Paper, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { INSTRUMENTS, scoreMeasure, type InstrumentId, type MeasureResult } from '../../core/measures/index.ts';
import { ANSWER_SCALES, ITEM_PARAPHRASES } from './measure-items.ts';

/** One answer per item; `undefined` until answered. */
export type MeasureAnswers = ReadonlyArray<number | undefined>;

/** What the clinician chose to do about a positive PHQ-9 item 9. */
export type Item9FollowUp = 'risk-assessment' | 'safety-plan';

export interface MeasureEntryProps {
  readonly instrument: InstrumentId;
  readonly value: MeasureAnswers;
  readonly onChange: (next: Array<number | undefined>) => void;
  /** Called from the item-9 prompt; the caller opens the risk assessment or safety plan. */
  readonly onItem9FollowUp?: ((action: Item9FollowUp) => void) | undefined;
}

/** The scored result when every item is answered, else undefined. */
export function scoreIfComplete(instrument: InstrumentId, answers: MeasureAnswers): MeasureResult | undefined {
  const def = INSTRUMENTS[instrument];
  if (answers.length !== def.itemCount || answers.some((a) => a === undefined)) return undefined;
  return scoreMeasure(instrument, answers as number[]);
}

/** The entry form with live scoring. */
export function MeasureEntry({ instrument, value, onChange, onItem9FollowUp }: MeasureEntryProps) {
  const def = INSTRUMENTS[instrument];
  const uid = useId();
  const answers = Array.from({ length: def.itemCount }, (_, i) => value[i]);
  const answered = answers.filter((a) => a !== undefined).length;
  const partial = answers.reduce<number>((s, a) => s + (a ?? 0), 0);
  const result = scoreIfComplete(instrument, answers);
  const safety = def.safetyItem;
  const safetyValue = safety ? answers[safety.item - 1] : undefined;
  const item9Positive = safety !== undefined && safetyValue !== undefined && safetyValue >= safety.positiveAtOrAbove;
  const scale = ANSWER_SCALES[instrument];

  return (
    <Stack gap="md" component="section" aria-labelledby={`${uid}-title`}>
      <div>
        <Title order={2} size="h4" id={`${uid}-title`}>
          {def.displayName}
        </Title>
        <Text size="sm" c="dimmed">
          {def.fullName}, {def.recallPeriod}. Enter the client's answers from the completed form.
        </Text>
      </div>

      <Paper withBorder p="sm" aria-live="polite" data-testid="measure-score">
        <Group gap="md" wrap="wrap">
          <Text fw={700} size="lg">
            Total: {result ? result.total : partial}
            {!result && (
              <Text span size="sm" c="dimmed" fw={400}>
                {' '}
                (so far; {answered} of {def.itemCount} answered)
              </Text>
            )}
          </Text>
          {result && (
            <Badge size="lg" variant="light" color={bandColor(result.band.key)}>
              {result.band.label}
            </Badge>
          )}
        </Group>
        {result?.subscores && def.pcl5 && (
          <Table mt="xs" withTableBorder fz="sm" style={{ maxWidth: '36rem' }}>
            <Table.Caption>PCL-5 cluster subscores (DSM-5)</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Cluster</Table.Th>
                <Table.Th scope="col">Items</Table.Th>
                <Table.Th scope="col">Subscore</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {def.pcl5.clusters.map((c) => (
                <Table.Tr key={c.key}>
                  <Table.Th scope="row">
                    {c.key}: {c.name}
                  </Table.Th>
                  <Table.Td>
                    {c.firstItem}–{c.lastItem}
                  </Table.Td>
                  <Table.Td>{result.subscores?.[c.key]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {result?.provisionalPtsd && (
          <Text size="sm" mt="xs">
            At or above the cutoff of {result.provisionalPtsd.cutoff}: {result.provisionalPtsd.byCutoff ? 'yes' : 'no'}. DSM-5 cluster rule
            met: {result.provisionalPtsd.byDsm5Rule ? 'yes' : 'no'}. A screen, not a diagnosis.
          </Text>
        )}
      </Paper>

      {item9Positive && safety && (
        <Alert color="red" title={`Item ${safety.item} is positive: follow up on safety`} role="alert">
          <Text size="sm" mb="xs">
            The client endorsed {safety.description} ({scale[safetyValue] ?? safetyValue}). Document a suicide risk assessment for this
            session.
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            {safety.citation}
          </Text>
          {onItem9FollowUp && (
            <Group gap="xs">
              <Button color="red" onClick={() => onItem9FollowUp('risk-assessment')}>
                Document risk assessment
              </Button>
              <Button color="red" variant="light" onClick={() => onItem9FollowUp('safety-plan')}>
                Review or create safety plan
              </Button>
            </Group>
          )}
        </Alert>
      )}

      <Stack gap="sm">
        {answers.map((answer, i) => (
          <Radio.Group
            key={i}
            name={`${uid}-item-${i + 1}`}
            label={`Item ${i + 1} — ${ITEM_PARAPHRASES[instrument][i] ?? ''}`}
            value={answer === undefined ? null : String(answer)}
            onChange={(v) => onChange(answers.map((a, j) => (j === i ? Number(v) : a)))}
          >
            <Group gap="md" mt={4} wrap="wrap">
              {scale.map((label, score) => (
                <Radio key={score} value={String(score)} label={`${score} · ${label}`} />
              ))}
            </Group>
          </Radio.Group>
        ))}
      </Stack>
      <Group>
        <Button variant="default" onClick={() => onChange(answers.map(() => undefined))} disabled={answered === 0}>
          Clear answers
        </Button>
      </Group>
    </Stack>
  );
}

function bandColor(key: string): string {
  switch (key) {
    case 'minimal':
    case 'below-cutoff':
      return 'teal';
    case 'mild':
      return 'yellow';
    case 'moderate':
      return 'orange';
    default:
      return 'red';
  }
}
