/**
 * Clients: search over the clients you may see (assigned ones for clinicians and
 * supervisors; the server decides, 45 CFR 164.502(b) minimum necessary), and create one.
 */
import { Alert, Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client.ts';
import { api, keys } from '../api/endpoints.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { href } from '../router.ts';
import { QueryState, Section } from './common.tsx';

/** Case-insensitive match on name or external reference. */
export function matchesClient(c: { displayName: string; externalRef: string | null }, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || c.displayName.toLowerCase().includes(q) || (c.externalRef ?? '').toLowerCase().includes(q);
}

function NewClientForm() {
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [externalRef, setExternalRef] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api.createClient({ displayName: displayName.trim(), ...(dateOfBirth ? { dateOfBirth } : {}), ...(externalRef.trim() ? { externalRef: externalRef.trim() } : {}) }),
    onSuccess: (c) => {
      void queryClient.invalidateQueries({ queryKey: keys.clients });
      window.location.hash = href.chart(c.id);
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Section id="new-client" title="New client">
      <form onSubmit={submit} aria-label="New client">
        <Stack gap="sm">
          {create.isError && (
            <Alert color="red" role="alert" title="Client not created">
              {errorMessage(create.error)}
            </Alert>
          )}
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput label="Name or initials" value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} required />
            <TextInput label="Date of birth" type="date" value={dateOfBirth} onChange={(e) => setDateOfBirth(e.currentTarget.value)} />
            <TextInput label="External reference" value={externalRef} onChange={(e) => setExternalRef(e.currentTarget.value)} />
            <Button type="submit" loading={create.isPending}>
              Create client
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

export default function ClientsPage() {
  const auth = useAuth();
  const roles = auth.session?.user.roles ?? [];
  const clients = useQuery({ queryKey: keys.clients, queryFn: api.clients });
  const [query, setQuery] = useState('');
  const canCreate = roles.includes('admin') || roles.includes('clinician');
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Clients
      </Title>
      <TextInput label="Search clients" placeholder="Name or reference" value={query} onChange={(e) => setQuery(e.currentTarget.value)} maw="30rem" type="search" />
      <QueryState query={clients} label="clients">
        {() => {
          const shown = clients.data!.filter((c) => matchesClient(c, query));
          if (shown.length === 0) {
            return (
              <Text role="status" c="dimmed">
                {query.trim() ? `No clients match “${query.trim()}” among the clients you may see.` : 'You have no clients yet.'}
              </Text>
            );
          }
          return (
            <Table.ScrollContainer minWidth={400}>
              <Table striped aria-label="Clients">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Client</Table.Th>
                    <Table.Th scope="col">Date of birth</Table.Th>
                    <Table.Th scope="col">Reference</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <Anchor href={href.chart(c.id)}>{c.displayName}</Anchor>
                      </Table.Td>
                      <Table.Td>{c.dateOfBirth ?? '—'}</Table.Td>
                      <Table.Td>{c.externalRef ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          );
        }}
      </QueryState>
      {canCreate && <NewClientForm />}
    </Stack>
  );
}
