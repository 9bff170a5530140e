/**
 * The author's side of a psychotherapy-note release (45 CFR 164.508(a)(2); the author's
 * approval is Notewall's rule, and their key decrypts the notes): the releases waiting for
 * them, and one release with the request, the gate's decision and their own notes in the
 * requested range that would go. Approve builds the packet in their session; decline
 * records the reason and the chart then goes without the notes.
 */
import { Alert, Anchor, Button, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryState, Section } from '../pages/common.tsx';
import { href } from '../router.ts';
import { DecisionView } from './decision-view.tsx';
import { releaseApi, releaseKeys } from './release-api.ts';
import { MutationError, rangeText } from './release-common.tsx';

export function ApprovalsList() {
  const pending = useQuery({ queryKey: releaseKeys.approvals, queryFn: releaseApi.approvals });
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Release approvals
      </Title>
      <Text size="sm">Requests that would release your psychotherapy notes. Only you can approve them; records staff never see the notes.</Text>
      <QueryState query={pending} label="approvals">
        {() =>
          pending.data!.length === 0 ? (
            <Text role="status">Nothing waiting for your approval.</Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table aria-label="Releases waiting for your approval">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Client</Table.Th>
                    <Table.Th scope="col">Recipient</Table.Th>
                    <Table.Th scope="col">Received</Table.Th>
                    <Table.Th scope="col">Due</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {pending.data!.map((p) => (
                    <Table.Tr key={p.requestId}>
                      <Table.Td>
                        <Anchor href={href.approval(p.requestId)}>{p.clientName}</Anchor>
                      </Table.Td>
                      <Table.Td>{p.recipient}</Table.Td>
                      <Table.Td>{p.receivedOn}</Table.Td>
                      <Table.Td>{p.dueOn}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </Stack>
  );
}

export function ApprovalPage({ requestId }: { readonly requestId: string }) {
  const queryClient = useQueryClient();
  const view = useQuery({ queryKey: releaseKeys.approval(requestId), queryFn: () => releaseApi.approval(requestId) });
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (body: { decision: 'approve' } | { decision: 'decline'; reason: string }) => releaseApi.decide(requestId, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: releaseKeys.approvals }),
  });
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Release of your psychotherapy notes
      </Title>
      <QueryState query={view} label="the release">
        {() => {
          const { request: r, decision, notes } = view.data!;
          return (
            <Stack gap="md">
              <Section id="appr-request" title={`Request about ${r.clientName}`}>
                <Text size="sm">
                  From {r.requesterLabel}: <strong>{r.recipient.name}</strong>. Purpose: {r.purpose}. Date range: {rangeText(r.dateRange)}. Received {r.receivedOn}, due {r.dueOn}.
                </Text>
                {r.description && <Text size="sm">In their words: {r.description}</Text>}
              </Section>
              <Section id="appr-decision" title="The gate's decision">
                <DecisionView decision={decision} />
              </Section>
              <Section id="appr-notes" title={`Your notes that would go (${notes.length})`}>
                {notes.length === 0 ? (
                  <Text size="sm">You have no psychotherapy notes about this client in the range.</Text>
                ) : (
                  notes.map((n) => (
                    <Paper key={n.id} withBorder p="sm" bg="grape.0" component="article" aria-label={`Psychotherapy note ${n.sessionDate ?? 'without a date'}`}>
                      <Text size="sm" fw={600}>
                        {n.sessionDate ?? 'No session date'}
                      </Text>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {n.body}
                      </Text>
                    </Paper>
                  ))
                )}
              </Section>
              <Section id="appr-decide" title="Your decision">
                <MutationError mutation={decide} title="Decision not recorded" />
                {decide.data ? (
                  <Alert color={decide.data.outcome === 'approved' ? 'teal' : 'orange'} role="status" title={decide.data.outcome === 'approved' ? 'Approved' : 'Declined'}>
                    {decide.data.outcome === 'approved'
                      ? 'Your notes were unlocked with your key and built into the packet. Records staff can now deliver it.'
                      : 'Records staff will send the chart without your psychotherapy notes.'}{' '}
                    <Anchor href={href.approvals()}>Back to your approvals</Anchor>
                  </Alert>
                ) : (
                  <Stack gap="sm">
                    <Button w="fit-content" color="teal" onClick={() => decide.mutate({ decision: 'approve' })} loading={decide.isPending && decide.variables.decision === 'approve'}>
                      Approve release of these notes
                    </Button>
                    <Textarea label="Reason for declining" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maw="40rem" />
                    <Button
                      w="fit-content"
                      variant="outline"
                      color="red"
                      disabled={!reason.trim()}
                      onClick={() => decide.mutate({ decision: 'decline', reason: reason.trim() })}
                      loading={decide.isPending && decide.variables.decision === 'decline'}
                    >
                      Decline
                    </Button>
                  </Stack>
                )}
              </Section>
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
