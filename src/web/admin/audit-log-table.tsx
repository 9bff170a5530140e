/**
 * The audit log viewer (45 CFR 164.312(b) audit controls): rows as the API returns them,
 * filters on actor, action, outcome, client and date, and a "Verify chain" button whose
 * result (from the server's walk of the hash chain) is shown in words. Rows hold ids only.
 */
import { Alert, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';

/** One audit row, as the API sends it. */
export interface AuditRow {
  readonly seq: number;
  /** UTC ISO time. */
  readonly at: string;
  readonly actorId: string | null;
  /** The actor's display name, when the server knows it. */
  readonly actorDisplayName?: string | null | undefined;
  readonly actorRole: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly clientId: string | null;
  readonly outcome: 'allowed' | 'denied' | 'failed';
  readonly reason: string | null;
}

/** The result of walking the hash chain. */
export type ChainVerification =
  | { readonly ok: true; readonly rows: number }
  | { readonly ok: false; readonly rows: number; readonly brokenSeq: number; readonly problem: string };

export interface AuditLogTableProps {
  readonly rows: readonly AuditRow[];
  readonly onVerify: () => Promise<ChainVerification>;
}

interface Filters {
  readonly actor: string;
  readonly action: string;
  readonly outcome: string;
  readonly client: string;
  readonly from: string;
  readonly to: string;
}

const NO_FILTERS: Filters = { actor: '', action: '', outcome: '', client: '', from: '', to: '' };

/** Applies the filters; dates compare on the UTC day. */
export function filterAuditRows(rows: readonly AuditRow[], f: Filters): AuditRow[] {
  const actor = f.actor.trim().toLowerCase();
  const client = f.client.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (actor === '' || (r.actorId ?? '').toLowerCase().includes(actor) || (r.actorDisplayName ?? '').toLowerCase().includes(actor) || (r.actorRole ?? '').toLowerCase().includes(actor)) &&
      (f.action === '' || r.action === f.action) &&
      (f.outcome === '' || r.outcome === f.outcome) &&
      (client === '' || (r.clientId ?? '').toLowerCase().includes(client)) &&
      (f.from === '' || r.at.slice(0, 10) >= f.from) &&
      (f.to === '' || r.at.slice(0, 10) <= f.to),
  );
}

/** Filterable audit table with chain verification. */
export function AuditLogTable({ rows, onVerify }: AuditLogTableProps) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [verifying, setVerifying] = useState(false);
  const [result, setResult] = useState<ChainVerification | { error: string } | undefined>();
  const shown = useMemo(() => filterAuditRows(rows, filters), [rows, filters]);
  const actions = useMemo(() => [...new Set(rows.map((r) => r.action))].sort(), [rows]);
  const set = (patch: Partial<Filters>): void => setFilters((f) => ({ ...f, ...patch }));

  const verify = async (): Promise<void> => {
    setVerifying(true);
    setResult(undefined);
    try {
      setResult(await onVerify());
    } catch (err) {
      setResult({ error: err instanceof Error ? err.message : 'The check could not be run.' });
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4">
          Audit log
        </Title>
        <Button onClick={() => void verify()} loading={verifying}>
          Verify chain
        </Button>
      </Group>
      {result && (
        <Alert
          role="status"
          color={'error' in result || !result.ok ? 'red' : 'teal'}
          title={'error' in result ? 'Verification failed to run' : result.ok ? 'Chain intact' : 'Chain broken'}
        >
          {'error' in result
            ? result.error
            : result.ok
              ? `All ${result.rows} rows verified; no row was changed, removed or reordered.`
              : `The chain breaks at row ${result.brokenSeq} (${result.rows} rows checked): ${result.problem}`}
        </Alert>
      )}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput label="Actor (id or role)" value={filters.actor} onChange={(e) => set({ actor: e.currentTarget.value })} />
        <NativeSelect label="Action" value={filters.action} onChange={(e) => set({ action: e.currentTarget.value })} data={[{ value: '', label: 'All actions' }, ...actions]} />
        <NativeSelect
          label="Outcome"
          value={filters.outcome}
          onChange={(e) => set({ outcome: e.currentTarget.value })}
          data={[
            { value: '', label: 'All outcomes' },
            { value: 'allowed', label: 'allowed' },
            { value: 'denied', label: 'denied' },
            { value: 'failed', label: 'failed' },
          ]}
        />
        <TextInput label="Client id" value={filters.client} onChange={(e) => set({ client: e.currentTarget.value })} />
        <TextInput type="date" label="From" value={filters.from} onChange={(e) => set({ from: e.currentTarget.value })} />
        <TextInput type="date" label="To" value={filters.to} onChange={(e) => set({ to: e.currentTarget.value })} />
        <Button variant="default" onClick={() => setFilters(NO_FILTERS)}>
          Clear filters
        </Button>
      </Group>
      <Text size="sm" role="status">
        Showing {shown.length} of {rows.length} entries.
      </Text>
      <Table.ScrollContainer minWidth={0}>
        <Table striped withTableBorder fz="sm">
          <Table.Caption>Audit entries, newest last</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">#</Table.Th>
              <Table.Th scope="col">Time (UTC)</Table.Th>
              <Table.Th scope="col">Actor</Table.Th>
              <Table.Th scope="col">Action</Table.Th>
              <Table.Th scope="col">Record</Table.Th>
              <Table.Th scope="col">Client</Table.Th>
              <Table.Th scope="col">Outcome</Table.Th>
              <Table.Th scope="col">Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((r) => (
              <Table.Tr key={r.seq}>
                <Table.Td>{r.seq}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.at.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {r.actorDisplayName ? (
                    <>
                      {r.actorDisplayName}
                      {r.actorRole ? ` (${r.actorRole})` : ''}
                      <Text span size="xs" c="dimmed" display="block">
                        {r.actorId}
                      </Text>
                    </>
                  ) : (
                    <>
                      {r.actorId ?? '(none)'}
                      {r.actorRole ? ` (${r.actorRole})` : ''}
                    </>
                  )}
                </Table.Td>
                <Table.Td>{r.action}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {r.entityType}
                  {r.entityId ? ` ${r.entityId}` : ''}
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.clientId ?? ''}</Table.Td>
                <Table.Td>
                  <Text span size="sm" fw={r.outcome === 'allowed' ? 400 : 700} c={r.outcome === 'allowed' ? undefined : 'red.9'}>
                    {r.outcome}
                  </Text>
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.reason ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
