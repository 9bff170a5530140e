/**
 * The gate's answer per class of record, as `decideDisclosure` gave it: release yes or no,
 * the legal basis (a CFR citation), the explanation in plain words, minimum necessary,
 * accounting, author approval, caveats, and the problems to fix. Nothing here decides.
 */
import { Alert, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { RECORD_CLASS_LABELS, RECORD_CLASSES, type DisclosureDecision } from '../../core/disclosure/index.ts';
import { YesNo } from './release-common.tsx';

export function DecisionView({ decision, headingLevel = 3 }: { readonly decision: DisclosureDecision; readonly headingLevel?: 3 | 4 }) {
  return (
    <Stack gap="sm">
      <Text size="sm">Decided on {decision.asOf} with the authorizations on file.</Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {RECORD_CLASSES.map((cls) => {
          const d = decision[cls];
          const id = `decision-${cls}`;
          return (
            <Stack key={cls} gap={6} component="section" aria-labelledby={id} p="sm" style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }} data-testid={id}>
              <Group gap="xs" wrap="wrap">
                <Title order={headingLevel} size="h5" id={id}>
                  {RECORD_CLASS_LABELS[cls]}
                </Title>
                <YesNo value={d.release} yes="Release" no="Do not release" />
              </Group>
              <Text size="sm">
                <strong>Legal basis:</strong> {d.basis}
              </Text>
              <Text size="sm">
                <strong>Why:</strong> {d.explanation}
              </Text>
              {d.release && (
                <Text size="sm">
                  <strong>Minimum necessary:</strong> {d.minimumNecessary ? 'applies (45 CFR 164.502(b))' : 'does not apply'}; <strong>accounted:</strong> {d.accountable ? 'yes (45 CFR 164.528)' : 'no'}
                </Text>
              )}
              {d.requiresAuthorApproval && d.release && (
                <Text size="sm">
                  <strong>Author approval:</strong> the author of the notes must approve and unlock them; records staff never see their content.
                </Text>
              )}
              {d.caveats.length > 0 && (
                <List size="sm" spacing={2}>
                  {d.caveats.map((c) => (
                    <List.Item key={c}>{c}</List.Item>
                  ))}
                </List>
              )}
            </Stack>
          );
        })}
      </SimpleGrid>
      <Text size="sm">
        <strong>Accounting of disclosures:</strong> {decision.accountingReason}
      </Text>
      {decision.problems.length > 0 && (
        <Alert color="yellow" title={`Problems to fix (${decision.problems.length})`}>
          <List size="sm" spacing={2}>
            {decision.problems.map((p, i) => (
              <List.Item key={`${p.code}-${i}`}>
                {p.element ? <strong>{p.element}: </strong> : null}
                {p.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
