/**
 * The side panel of lint findings: severity, message, fix, citation and rule id for each,
 * as a list of buttons; choosing one takes the user to the text it is about.
 */
import { Badge, Code, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { Finding } from '../../core/rules/index.ts';

export interface FindingsPanelItem {
  readonly key: string;
  readonly finding: Finding;
  /** Where the finding is ("Plan", "CPT codes"); undefined when it has no field. */
  readonly where?: string | undefined;
  /** Extra controls for the finding (e.g. "Move to progress note"). */
  readonly action?: React.ReactNode;
}

export interface FindingsPanelProps {
  readonly title: string;
  readonly items: readonly FindingsPanelItem[];
  readonly onSelect?: ((key: string) => void) | undefined;
  /** id of the heading, for `aria-labelledby` on the region. */
  readonly headingId: string;
}

const SEVERITY_COLOR = { error: 'red', warning: 'orange' } as const;

/** Lists findings; every item is keyboard-reachable. */
export function FindingsPanel({ title, items, onSelect, headingId }: FindingsPanelProps) {
  const errors = items.filter((i) => i.finding.severity === 'error').length;
  return (
    <section aria-labelledby={headingId}>
      <Title order={3} size="h5" id={headingId} mb={4}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="xs" role="status">
        {items.length === 0
          ? 'No findings.'
          : `${items.length} ${items.length === 1 ? 'finding' : 'findings'}, ${errors} ${errors === 1 ? 'error' : 'errors'}.`}
      </Text>
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map(({ key, finding, where, action }) => (
          <li key={key}>
            <Paper withBorder p="xs" style={{ borderLeft: `4px solid var(--mantine-color-${SEVERITY_COLOR[finding.severity]}-7)` }}>
              <UnstyledButton
                onClick={() => onSelect?.(key)}
                style={{ display: 'block', width: '100%', textAlign: 'left' }}
              >
                <Badge color={SEVERITY_COLOR[finding.severity]} variant="filled" size="sm" mr={6}>
                  {finding.severity}
                </Badge>
                {where && (
                  <Text span size="xs" c="dimmed">
                    in {where}
                  </Text>
                )}
                <Text size="sm" fw={500} mt={4}>
                  {finding.message}
                  <span className="visually-hidden"> Go to the text.</span>
                </Text>
              </UnstyledButton>
              <Text size="sm" mt={4}>
                <Text span fw={600} size="sm">
                  Fix:{' '}
                </Text>
                {finding.fix}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                {finding.citation}
              </Text>
              <Code fz="xs" mt={4} style={{ display: 'inline-block', overflowWrap: 'anywhere' }}>
                {finding.rule}
              </Code>
              {action}
            </Paper>
          </li>
        ))}
      </Stack>
    </section>
  );
}
