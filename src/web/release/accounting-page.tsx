/**
 * The per-client accounting of disclosures (45 CFR 164.528): the entries on file, and the
 * report as PDF covering six years back from the request date (164.528(a)), or a shorter
 * period the client asks for (164.528(a)(3)).
 */
import { Anchor, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, keys } from '../api/endpoints.ts';
import { QueryState, Section, todayIso } from '../pages/common.tsx';
import { href } from '../router.ts';
import { downloads, releaseApi, releaseKeys } from './release-api.ts';

function Report({ clientId }: { readonly clientId: string }) {
  const entries = useQuery({ queryKey: releaseKeys.accounting(clientId), queryFn: () => releaseApi.accounting(clientId) });
  const [requestedOn, setRequestedOn] = useState(todayIso());
  const [periodFrom, setPeriodFrom] = useState('');
  return (
    <Stack gap="md">
      <Section id="acct-entries" title="Disclosures on file">
        <QueryState query={entries} label="the accounting">
          {() =>
            entries.data!.length === 0 ? (
              <Text size="sm" role="status">
                No accountable disclosures recorded for this client.
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table aria-label="Accounting of disclosures" withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Date</Table.Th>
                      <Table.Th scope="col">Recipient</Table.Th>
                      <Table.Th scope="col">What was disclosed</Table.Th>
                      <Table.Th scope="col">Purpose</Table.Th>
                      <Table.Th scope="col">Basis</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {entries.data!.map((e) => (
                      <Table.Tr key={e.id}>
                        <Table.Td>{e.date}</Table.Td>
                        <Table.Td>{e.recipient}</Table.Td>
                        <Table.Td>{e.description}</Table.Td>
                        <Table.Td>{e.purpose}</Table.Td>
                        <Table.Td>{e.basis}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryState>
      </Section>
      <Section id="acct-pdf" title="Report for the client (PDF)">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput label="Requested on" type="date" value={requestedOn} onChange={(e) => setRequestedOn(e.currentTarget.value)} description="The six-year lookback counts back from this day" />
          <TextInput label="Shorter period from (optional)" type="date" value={periodFrom} onChange={(e) => setPeriodFrom(e.currentTarget.value)} />
        </Group>
        <Anchor href={downloads.accountingPdf(clientId, { requestedOn, periodFrom })} download>
          Download the accounting report (PDF)
        </Anchor>
      </Section>
    </Stack>
  );
}

export function AccountingPage({ clientId }: { readonly clientId?: string | undefined }) {
  const clients = useQuery({ queryKey: keys.clients, queryFn: api.clients });
  const name = clients.data?.find((c) => c.id === clientId)?.displayName;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Accounting of disclosures{name ? ` · ${name}` : ''}
      </Title>
      <QueryState query={clients} label="clients">
        {() => (
          <NativeSelect
            label="Client"
            maw="30rem"
            value={clientId ?? ''}
            onChange={(e) => {
              window.location.hash = e.currentTarget.value ? href.releaseAccounting(e.currentTarget.value) : href.releaseAccounting();
            }}
            data={[{ value: '', label: 'Choose a client' }, ...clients.data!.map((c) => ({ value: c.id, label: c.displayName }))]}
          />
        )}
      </QueryState>
      {clientId && <Report key={clientId} clientId={clientId} />}
    </Stack>
  );
}
