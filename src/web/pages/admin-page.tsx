/**
 * Administration (45 CFR 164.308(a)(4) access management; 164.312(b) audit controls):
 * users and roles, the per-role TOTP policy, the audit log with filters and chain
 * verification, emergency access with a stated reason, and "who accessed this record".
 */
import { Alert, Anchor, Button, Checkbox, Code, Group, NativeSelect, Paper, PasswordInput, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client.ts';
import { api, keys } from '../api/endpoints.ts';
import { ROLES, type PsychotherapyNote, type Role } from '../api/schemas.ts';
import { AuditLogTable } from '../admin/audit-log-table.tsx';
import { href } from '../router.ts';
import { QueryState, Section, formatWhen } from './common.tsx';

const TABS = [
  ['users', 'Users and roles'],
  ['policy', 'Two-step policy'],
  ['audit', 'Audit log'],
  ['access', 'Who accessed a record'],
  ['emergency', 'Emergency access'],
] as const;

function NewUserForm() {
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(['clinician']);
  const create = useMutation({
    mutationFn: () => api.createUser({ username, displayName, password, roles }),
    onSuccess: () => {
      setUsername('');
      setDisplayName('');
      setPassword('');
      void queryClient.invalidateQueries({ queryKey: keys.users });
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Section id="new-user" title="New user">
      <form onSubmit={submit} aria-label="New user">
        <Stack gap="sm">
          {create.isError && (
            <Alert color="red" role="alert" title="User not created">
              {errorMessage(create.error)}
            </Alert>
          )}
          {create.isSuccess && (
            <Text role="status" size="sm">
              Created {create.data.displayName} ({create.data.username}).
            </Text>
          )}
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput label="Username" value={username} onChange={(e) => setUsername(e.currentTarget.value)} required autoComplete="off" />
            <TextInput label="Display name" value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} required />
            <PasswordInput label="Initial password" description="At least 12 characters" value={password} onChange={(e) => setPassword(e.currentTarget.value)} required autoComplete="new-password" />
          </Group>
          <Checkbox.Group label="Roles" value={roles} onChange={(v) => setRoles(v.filter((x): x is Role => (ROLES as readonly string[]).includes(x)))}>
            <Group gap="md" mt={4}>
              {ROLES.map((r) => (
                <Checkbox key={r} value={r} label={r} />
              ))}
            </Group>
          </Checkbox.Group>
          <Button type="submit" loading={create.isPending} w="fit-content" disabled={roles.length === 0}>
            Create user
          </Button>
        </Stack>
      </form>
    </Section>
  );
}

function UsersTab() {
  const users = useQuery({ queryKey: keys.users, queryFn: api.users });
  return (
    <Stack gap="md">
      <QueryState query={users} label="users">
        {() => (
          <Table.ScrollContainer minWidth={400}>
            <Table striped aria-label="Users">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Username</Table.Th>
                  <Table.Th scope="col">Roles</Table.Th>
                  <Table.Th scope="col">Two-factor</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data!.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>{u.displayName}</Table.Td>
                    <Table.Td>{u.username}</Table.Td>
                    <Table.Td>{u.roles.join(', ')}</Table.Td>
                    <Table.Td>{u.totpEnrolled ? 'enrolled' : u.totpPending ? 'enrolment started' : 'not enrolled'}</Table.Td>
                    <Table.Td>{u.active ? 'active' : 'deactivated'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <NewUserForm />
    </Stack>
  );
}

function PolicyTab() {
  const queryClient = useQueryClient();
  const policy = useQuery({ queryKey: keys.totpPolicy, queryFn: api.totpPolicy });
  const set = useMutation({
    mutationFn: (change: Partial<Record<Role, boolean>>) => api.setTotpPolicy(change),
    onSuccess: (p) => queryClient.setQueryData(keys.totpPolicy, p),
  });
  return (
    <Section id="policy" title="Roles that must use an authenticator app">
      <Text size="sm">A user in a checked role must enrol a second factor at their next sign-in (45 CFR 164.312(d)).</Text>
      <QueryState query={policy} label="the policy">
        {() => (
          <Stack gap="xs">
            {ROLES.map((r) => (
              <Checkbox key={r} label={r} checked={policy.data![r] ?? false} disabled={set.isPending} onChange={(e) => set.mutate({ [r]: e.currentTarget.checked })} />
            ))}
          </Stack>
        )}
      </QueryState>
      {set.isError && (
        <Text role="alert" c="red.9" size="sm">
          Not changed: {errorMessage(set.error)}
        </Text>
      )}
    </Section>
  );
}

function AuditTab() {
  const [clientId, setClientId] = useState('');
  const q: Record<string, string> = clientId.trim() ? { clientId: clientId.trim() } : {};
  const audit = useQuery({ queryKey: keys.audit(q), queryFn: () => api.audit(q) });
  return (
    <Stack gap="md">
      <Text size="sm">The newest 500 entries; filter below, or name a client id to ask the server for that client's entries only.</Text>
      <TextInput label="Client id (server-side filter)" value={clientId} onChange={(e) => setClientId(e.currentTarget.value)} maw="30rem" />
      <QueryState query={audit} label="the audit log">
        {() => <AuditLogTable rows={audit.data!.entries} onVerify={() => api.verifyAudit()} />}
      </QueryState>
    </Stack>
  );
}

function AccessTab() {
  const clients = useQuery({ queryKey: keys.clients, queryFn: api.clients });
  const [clientId, setClientId] = useState('');
  const report = useQuery({ queryKey: keys.accessReport(clientId), queryFn: () => api.accessReport(clientId), enabled: clientId !== '' });
  return (
    <Section id="access-report" title="Who accessed this record">
      <QueryState query={clients} label="clients">
        {() => (
          <NativeSelect
            label="Client"
            value={clientId}
            onChange={(e) => setClientId(e.currentTarget.value)}
            data={[{ value: '', label: 'Choose a client…' }, ...clients.data!.map((c) => ({ value: c.id, label: c.displayName }))]}
            maw="30rem"
          />
        )}
      </QueryState>
      {clientId !== '' && (
        <QueryState query={report} label="the access report">
          {() =>
            report.data!.length === 0 ? (
              <Text c="dimmed">No access recorded.</Text>
            ) : (
              <Table.ScrollContainer minWidth={500}>
                <Table striped aria-label="Record access">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">When</Table.Th>
                      <Table.Th scope="col">Who</Table.Th>
                      <Table.Th scope="col">Action</Table.Th>
                      <Table.Th scope="col">Outcome</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {report.data!.map((r) => (
                      <Table.Tr key={r.seq}>
                        <Table.Td>{formatWhen(r.at)}</Table.Td>
                        <Table.Td>{r.actorDisplayName ?? r.actorUsername ?? r.actorId ?? 'system'}</Table.Td>
                        <Table.Td>{r.action}</Table.Td>
                        <Table.Td>{r.outcome}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryState>
      )}
      <Text size="sm">
        Clients are also listed on the <Anchor href={href.clients()}>clients page</Anchor>.
      </Text>
    </Section>
  );
}

function EmergencyTab() {
  const [noteId, setNoteId] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState<PsychotherapyNote | null>(null);
  const read = useMutation({
    mutationFn: () => api.emergencyAccess({ noteId: noteId.trim(), recoveryCode: recoveryCode.trim(), reason: reason.trim() }),
    onSuccess: (n) => {
      setRecoveryCode('');
      setNote(n);
    },
  });
  return (
    <Section id="emergency" title="Emergency access to a psychotherapy note">
      <Alert color="orange">
        Break-glass only (45 CFR 164.312(a)(2)(ii)). The reason is stored in the audit log and shown to the note's author.
      </Alert>
      <form
        aria-label="Emergency access"
        onSubmit={(e) => {
          e.preventDefault();
          setNote(null);
          read.mutate();
        }}
      >
        <Stack gap="sm" maw="40rem">
          <TextInput label="Psychotherapy note id" value={noteId} onChange={(e) => setNoteId(e.currentTarget.value)} required />
          <PasswordInput label="Recovery code" value={recoveryCode} onChange={(e) => setRecoveryCode(e.currentTarget.value)} required autoComplete="off" />
          <Textarea label="Reason" description="Why this access is necessary now" value={reason} onChange={(e) => setReason(e.currentTarget.value)} required minRows={2} autosize />
          <Button type="submit" color="red" loading={read.isPending} w="fit-content" disabled={reason.trim() === ''}>
            Read the note
          </Button>
        </Stack>
      </form>
      {read.isError && (
        <Alert color="red" role="alert" title="Refused">
          {errorMessage(read.error)}
        </Alert>
      )}
      {note && (
        <Paper withBorder p="md" bg="grape.0">
          <Title order={3} size="h5">
            Psychotherapy note, {note.content.sessionDate ?? 'undated'}
          </Title>
          <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {note.content.body}
          </Code>
        </Paper>
      )}
    </Section>
  );
}

export default function AdminPage({ tab }: { readonly tab: string }) {
  const active = TABS.some(([id]) => id === tab) ? tab : 'users';
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Administration
      </Title>
      <Tabs value={active} onChange={(v) => (window.location.hash = href.admin(v ?? 'users'))} keepMounted={false}>
        <Tabs.List>
          {TABS.map(([id, label]) => (
            <Tabs.Tab key={id} value={id}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map(([id]) => (
          <Tabs.Panel key={id} value={id} pt="md">
            {id === 'users' && <UsersTab />}
            {id === 'policy' && <PolicyTab />}
            {id === 'audit' && <AuditTab />}
            {id === 'access' && <AccessTab />}
            {id === 'emergency' && <EmergencyTab />}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
