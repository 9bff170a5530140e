/**
 * The records queue: open requests, soonest due first, with the due date, whether it is a
 * regulatory deadline (right of access 164.524(b)(2), accounting 164.528(c)(1)) or the
 * practice's 30-day target, days left, and overdue requests highlighted in words and colour.
 */
import { Anchor, Button, Checkbox, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryState } from '../pages/common.tsx';
import { href } from '../router.ts';
import { releaseApi, releaseKeys } from './release-api.ts';
import { DueBadge } from './release-common.tsx';

const STATUS_LABEL: Readonly<Record<string, string>> = {
  open: 'Open',
  'awaiting-author': 'Awaiting the author',
  ready: 'Packet ready',
  delivered: 'Delivered',
  closed: 'Closed',
};

export function statusLabel(status: string): string {
  return STATUS_LABEL[status] ?? status;
}

export function QueuePage() {
  const [all, setAll] = useState(false);
  const queue = useQuery({ queryKey: releaseKeys.queue(all), queryFn: () => releaseApi.queue(all) });
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          Records requests
        </Title>
        <Button component="a" href={href.releaseNew()}>
          Log a new request
        </Button>
      </Group>
      <Checkbox label="Include delivered and closed requests" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
      <QueryState query={queue} label="the queue">
        {() =>
          queue.data!.length === 0 ? (
            <Text role="status">No requests in the queue.</Text>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table aria-label="Records requests" highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Due</Table.Th>
                    <Table.Th scope="col">Client</Table.Th>
                    <Table.Th scope="col">Requester</Table.Th>
                    <Table.Th scope="col">Recipient</Table.Th>
                    <Table.Th scope="col">Received</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {queue.data!.map((q) => {
                    const overdue = q.daysLeft < 0 && q.status !== 'delivered' && q.status !== 'closed';
                    return (
                      <Table.Tr key={q.id} bg={overdue ? 'red.0' : undefined} data-overdue={overdue || undefined}>
                        <Table.Td>
                          <Stack gap={2}>
                            <Text size="sm" fw={600}>
                              {q.dueOn}
                            </Text>
                            {q.status !== 'delivered' && q.status !== 'closed' && <DueBadge daysLeft={q.daysLeft} />}
                            <Text size="xs">{q.dueKind === 'regulatory' ? 'Deadline set by rule' : 'Practice target (no rule-set deadline)'}</Text>
                          </Stack>
                        </Table.Td>
                        <Table.Td>
                          <Anchor href={href.releaseRequest(q.id)}>{q.clientName}</Anchor>
                        </Table.Td>
                        <Table.Td>{q.requesterLabel}</Table.Td>
                        <Table.Td>{q.recipient}</Table.Td>
                        <Table.Td>{q.receivedOn}</Table.Td>
                        <Table.Td>{statusLabel(q.status)}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </Stack>
  );
}
