/**
 * One records request, worked top to bottom: what was asked and the documents, the due date
 * and the extension notice (164.524(b)(2)(iii)), the subpoena checklist step by step
 * (164.512(e)(1)(ii)–(v)), the gate's decision per class of record, the authorizations on
 * file, then build → preview (PDF, FHIR) → deliver, which writes the accounting entry when
 * the packet is accountable (164.528). Records staff never see psychotherapy-note content:
 * the API gives this screen counts and reasons only.
 */
import { Alert, Anchor, Badge, Button, Group, List, NativeSelect, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { QueryState, Section, formatWhen, todayIso } from '../pages/common.tsx';
import { href } from '../router.ts';
import { AuthorizationsPanel } from './authorizations-panel.tsx';
import { DecisionView } from './decision-view.tsx';
import { statusLabel } from './queue-page.tsx';
import { DELIVERY_METHODS, downloads, fileToBase64, releaseApi, releaseKeys, type DeliveryMethod, type Packet, type RequestDetail } from './release-api.ts';
import { DueBadge, FilePicker, MutationError, fileOk, rangeText } from './release-common.tsx';

const DELIVERY_LABELS: Readonly<Record<DeliveryMethod, string>> = {
  mail: 'Mail',
  'secure-email': 'Secure email',
  fax: 'Fax',
  portal: 'Portal',
  'in-person': 'In person',
  'court-filing': 'Court filing',
};

const INCLUDED_LABELS: Readonly<Record<string, string>> = {
  sessions: 'Sessions',
  diagnoses: 'Diagnoses',
  measures: 'Measure results',
  progressNotes: 'Progress notes',
  'progress-notes': 'Progress notes',
  addenda: 'Addenda',
  psychotherapyNotes: 'Psychotherapy notes',
  'psychotherapy-notes': 'Psychotherapy notes',
  authorizations: 'Authorizations',
};

function daysFromToday(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${todayIso()}T00:00:00Z`)) / 86_400_000);
}

function useInvalidate(): () => void {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ['release'] });
}

function ExtensionForm({ requestId, detail }: { readonly requestId: string; readonly detail: RequestDetail }) {
  const invalidate = useInvalidate();
  const [sentOn, setSentOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const ext = useMutation({ mutationFn: () => releaseApi.extension(requestId, { sentOn, reason }), onSuccess: invalidate });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    ext.mutate();
  };
  const x = detail.extension;
  return (
    <form onSubmit={submit} aria-label="Extension notice">
      <Stack gap={6}>
        <Text size="sm">
          One 30-day extension is allowed when a written notice giving the reason and the new date is sent by {x.noticeBy} ({x.rule}). The new due date would be {x.newDueOn}.
        </Text>
        <MutationError mutation={ext} title="Extension not recorded" />
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput label="Notice sent on" type="date" required value={sentOn} onChange={(e) => setSentOn(e.currentTarget.value)} />
          <Textarea label="Reason for the delay (as stated in the notice)" required minLength={10} value={reason} onChange={(e) => setReason(e.currentTarget.value)} style={{ flex: 1, minWidth: '16rem' }} />
          <Button type="submit" variant="outline" loading={ext.isPending}>
            Record extension notice
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SubpoenaChecklist({ requestId, detail }: { readonly requestId: string; readonly detail: RequestDetail }) {
  const invalidate = useInvalidate();
  const [dates, setDates] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const record = useMutation({
    mutationFn: (step: string) => releaseApi.subpoenaStep(requestId, { step, completedOn: dates[step] ?? todayIso(), ...(notes[step]?.trim() ? { note: notes[step].trim() } : {}) }),
    onSuccess: invalidate,
  });
  const done = new Map(detail.request.events.filter((e) => e.kind === 'subpoena-step' && e.step).map((e) => [e.step!, e]));
  return (
    <Stack gap="sm">
      <Text size="sm">
        Satisfactory assurance as the gate is told: <strong>{detail.request.satisfactoryAssurance}</strong>. It becomes “notice” when the first three steps are recorded, or
        “qualified-protective-order” when an order is recorded.
      </Text>
      <MutationError mutation={record} title="Step not recorded" />
      <List spacing="sm" listStyleType="decimal">
        {detail.subpoenaSteps.map((s) => {
          const ev = done.get(s.step);
          return (
            <List.Item key={s.step}>
              <Stack gap={4}>
                <Text size="sm">
                  {s.label} <Text span size="xs">({s.rule})</Text>
                </Text>
                {ev ? (
                  <Text size="sm">
                    <Badge color="teal" variant="filled" mr={6}>
                      Done
                    </Badge>
                    {ev.occurredOn}
                    {ev.note ? ` · ${ev.note}` : ''} (recorded {formatWhen(ev.recordedAt)})
                  </Text>
                ) : (
                  <Group gap="sm" align="flex-end" wrap="wrap" role="group" aria-label={s.label}>
                    <TextInput label="Completed on" type="date" value={dates[s.step] ?? todayIso()} onChange={(e) => {
                      const v = e.currentTarget.value;
                      setDates((p) => ({ ...p, [s.step]: v }));
                    }} />
                    <TextInput label="Note" value={notes[s.step] ?? ''} onChange={(e) => {
                      const v = e.currentTarget.value;
                      setNotes((p) => ({ ...p, [s.step]: v }));
                    }} />
                    <Button variant="outline" onClick={() => record.mutate(s.step)} loading={record.isPending && record.variables === s.step} aria-label={`Record step: ${s.label}`}>
                      Record step
                    </Button>
                  </Group>
                )}
              </Stack>
            </List.Item>
          );
        })}
      </List>
    </Stack>
  );
}

function Attachments({ requestId, detail }: { readonly requestId: string; readonly detail: RequestDetail }) {
  const invalidate = useInvalidate();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async (f: File) => releaseApi.attach({ requestId, filename: f.name, contentType: f.type, dataBase64: await fileToBase64(f) }),
    onSuccess: () => {
      setFile(null);
      invalidate();
    },
  });
  return (
    <Stack gap={6}>
      {detail.request.attachments.length === 0 ? (
        <Text size="sm">No documents attached.</Text>
      ) : (
        <List size="sm">
          {detail.request.attachments.map((a) => (
            <List.Item key={a.id}>
              <Anchor href={downloads.attachment(a.id)} download>
                {a.filename}
              </Anchor>{' '}
              ({Math.ceil(a.sizeBytes / 1024)} KB, uploaded {formatWhen(a.uploadedAt)})
            </List.Item>
          ))}
        </List>
      )}
      <MutationError mutation={upload} title="Document not attached" />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <FilePicker label="Attach a document (subpoena, order, letter)" file={file} onChange={setFile} />
        <Button variant="outline" disabled={!fileOk(file)} loading={upload.isPending} onClick={() => fileOk(file) && upload.mutate(file)}>
          Attach
        </Button>
      </Group>
    </Stack>
  );
}

function DeliverForm({ packet }: { readonly packet: Packet }) {
  const invalidate = useInvalidate();
  const [deliveredOn, setDeliveredOn] = useState(todayIso());
  const [method, setMethod] = useState<DeliveryMethod>('mail');
  const deliver = useMutation({ mutationFn: () => releaseApi.deliver(packet.id, { deliveredOn, method }), onSuccess: invalidate });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    deliver.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Record delivery">
      <Stack gap={6}>
        <MutationError mutation={deliver} title="Delivery not recorded" />
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput label="Delivered on" type="date" required value={deliveredOn} onChange={(e) => setDeliveredOn(e.currentTarget.value)} />
          <NativeSelect label="Delivery method" value={method} onChange={(e) => setMethod(e.currentTarget.value as DeliveryMethod)} data={DELIVERY_METHODS.map((m) => ({ value: m, label: DELIVERY_LABELS[m] }))} />
          <Button type="submit" loading={deliver.isPending}>
            Record delivery
          </Button>
        </Group>
        <Text size="xs">
          {packet.accountable ? 'This release is accountable: delivering it writes the accounting-of-disclosures entry (45 CFR 164.528(b)(2)).' : 'This release is not accountable: no accounting entry is written.'}
        </Text>
      </Stack>
    </form>
  );
}

function PacketPreview({ packet, index }: { readonly packet: Packet; readonly index: number }) {
  const id = `packet-${packet.id}`;
  const kind = packet.kind === 'access-copy' ? 'Right-of-access copy' : 'Release packet';
  return (
    <Stack gap="sm" component="article" aria-labelledby={id} p="sm" style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }}>
      <Group gap="xs" wrap="wrap">
        <Title order={3} size="h5" id={id}>
          {kind} {index + 1}, built {formatWhen(packet.builtAt)}
        </Title>
        {packet.withPsychotherapyNotes && <Badge color="grape" variant="filled">Holds psychotherapy notes (author approved)</Badge>}
        <Badge color={packet.accountable ? 'blue' : 'gray'} variant="filled">
          {packet.accountable ? 'Accountable' : 'Not accountable'}
        </Badge>
      </Group>
      <Text size="sm">{packet.summary.description}</Text>
      <Text size="sm">
        <strong>Basis:</strong> {packet.summary.basis}
      </Text>
      <Table aria-label={`${kind} ${index + 1}: enclosed`} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Enclosed</Table.Th>
            <Table.Th scope="col">Count</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {Object.entries(packet.summary.included).map(([k, n]) => (
            <Table.Tr key={k}>
              <Table.Td>{INCLUDED_LABELS[k] ?? k}</Table.Td>
              <Table.Td>{n}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {packet.summary.excluded.length > 0 && (
        <Table aria-label={`${kind} ${index + 1}: not enclosed and why`} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Not enclosed</Table.Th>
              <Table.Th scope="col">Reason</Table.Th>
              <Table.Th scope="col">Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {packet.summary.excluded.map((x, i) => (
              <Table.Tr key={`${x.subject}-${x.reason}-${i}`}>
                <Table.Td>
                  {INCLUDED_LABELS[x.subject] ?? x.subject}
                  {x.count > 0 ? ` (${x.count})` : ''}
                </Table.Td>
                <Table.Td>{x.reason}</Table.Td>
                <Table.Td>{x.explanation}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group gap="md" wrap="wrap">
        <Anchor href={downloads.packetPdf(packet.id)} download>
          Download PDF ({kind.toLowerCase()} {index + 1})
        </Anchor>
        <Anchor href={downloads.packetFhir(packet.id)} download>
          Download FHIR R4 JSON ({kind.toLowerCase()} {index + 1})
        </Anchor>
      </Group>
      {!packet.stored && (
        <Text size="xs">Not stored in the chart (it holds psychotherapy notes); sealed in the vault to the records staff on file at approval. Staff added later need the author to approve again.</Text>
      )}
      <Text size="xs">
        SHA-256 PDF <code>{packet.pdfSha256.slice(0, 16)}…</code> · FHIR <code>{packet.bundleSha256.slice(0, 16)}…</code>
      </Text>
      {packet.delivery ? (
        <Alert color="teal" title="Delivered" role="status">
          {packet.delivery.deliveredOn} by {DELIVERY_LABELS[packet.delivery.method as DeliveryMethod] ?? packet.delivery.method}.{' '}
          {packet.delivery.disclosureId ? 'The accounting-of-disclosures entry was recorded.' : 'No accounting entry (this release is not accountable).'}
        </Alert>
      ) : (
        <DeliverForm packet={packet} />
      )}
    </Stack>
  );
}

function CloseForm({ requestId }: { readonly requestId: string }) {
  const invalidate = useInvalidate();
  const [reason, setReason] = useState('');
  const [on, setOn] = useState(todayIso());
  const close = useMutation({ mutationFn: () => releaseApi.close(requestId, { reason, on }), onSuccess: invalidate });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    close.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Close without release">
      <Stack gap={6}>
        <MutationError mutation={close} title="Request not closed" />
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput label="Reason (denied, withdrawn …)" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} style={{ flex: 1, minWidth: '16rem' }} />
          <TextInput label="Closed on" type="date" required value={on} onChange={(e) => setOn(e.currentTarget.value)} />
          <Button type="submit" variant="outline" color="red" loading={close.isPending}>
            Close request
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RequestBody({ requestId, detail }: { readonly requestId: string; readonly detail: RequestDetail }) {
  const invalidate = useInvalidate();
  const r = detail.request;
  const access = r.requesterType === 'individual' || r.requesterType === 'personal-representative';
  const build = useMutation({ mutationFn: () => releaseApi.build(requestId), onSuccess: invalidate });
  const finished = r.status === 'delivered' || r.status === 'closed';
  const declined = detail.approvals.filter((a) => a.outcome === 'declined');
  return (
    <Stack gap="md">
      <Group gap="sm" wrap="wrap">
        <Badge size="lg" variant="outline" c="dark">
          {statusLabel(r.status)}
        </Badge>
        <Text size="sm">
          Due <strong>{r.dueOn}</strong> ({r.dueKind === 'regulatory' ? 'deadline set by rule' : 'practice target'}
          {r.extended ? ', extended' : ''})
        </Text>
        {!finished && <DueBadge daysLeft={daysFromToday(r.dueOn)} />}
      </Group>
      <Section id="req-details" title="The request">
        <Table aria-label="Request details" variant="vertical" withTableBorder>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row" w="14rem">Requester</Table.Th>
              <Table.Td>{r.requesterLabel}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">Asks for</Table.Th>
              <Table.Td>{r.asksFor === 'accounting-of-disclosures' ? 'The accounting of disclosures' : 'Records'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">Recipient</Table.Th>
              <Table.Td>
                {r.recipient.name}
                {r.recipient.attention ? `, attn. ${r.recipient.attention}` : ''}
                {r.recipient.addressLines.length > 0 ? ` · ${r.recipient.addressLines.join(', ')}` : ''}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">Purpose</Table.Th>
              <Table.Td>{r.purpose}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">In their words</Table.Th>
              <Table.Td>{r.description || '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">Date range</Table.Th>
              <Table.Td>{rangeText(r.dateRange)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">Parts named</Table.Th>
              <Table.Td>{r.recordsAsked && r.recordsAsked.length > 0 ? r.recordsAsked.join(', ') : 'None named (minimum necessary applies its standard set)'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">Received</Table.Th>
              <Table.Td>{r.receivedOn}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Attachments requestId={requestId} detail={detail} />
      </Section>
      {detail.extension.available && !finished && (
        <Section id="req-extension" title="Deadline extension">
          <ExtensionForm requestId={requestId} detail={detail} />
        </Section>
      )}
      {detail.subpoenaSteps.length > 0 && (
        <Section id="req-subpoena" title="Subpoena checklist (45 CFR 164.512(e))">
          <SubpoenaChecklist requestId={requestId} detail={detail} />
        </Section>
      )}
      <Section id="req-decision" title="Decision by class of record">
        <DecisionView decision={detail.decision} />
      </Section>
      <Section id="req-authorizations" title="Authorizations on file">
        <AuthorizationsPanel clientId={r.clientId} authorizations={detail.authorizations} />
      </Section>
      <Section id="req-packet" title={access ? 'Right-of-access copy' : 'Release packet'}>
        {access && <Text size="sm">The client's own copy never holds psychotherapy notes (45 CFR 164.524(a)(1)(i)).</Text>}
        {r.status === 'awaiting-author' && (
          <Alert color="grape" title="Waiting for the author" role="status">
            The gate releases psychotherapy notes here, so their author must approve and unlock them in their own session. The packet is built when they approve.
          </Alert>
        )}
        {declined.map((d) => (
          <Alert key={d.decidedAt} color="orange" title={`${d.authorName} declined the release of their psychotherapy notes`}>
            {d.reason ?? ''} Building now sends the chart without them.
          </Alert>
        ))}
        {detail.approvals
          .filter((a) => a.outcome === 'approved')
          .map((a) => (
            <Text key={a.decidedAt} size="sm">
              {a.authorName} approved the release of {a.noteCount} psychotherapy {a.noteCount === 1 ? 'note' : 'notes'} on {formatWhen(a.decidedAt)}.
            </Text>
          ))}
        <MutationError mutation={build} title="Packet not built" />
        {build.data?.outcome === 'awaiting-author' && (
          <Text size="sm" role="status">
            Sent to the author for approval.
          </Text>
        )}
        {!finished && r.status !== 'awaiting-author' && (
          <Button w="fit-content" onClick={() => build.mutate()} loading={build.isPending}>
            {access ? 'Build access copy' : 'Build packet'}
          </Button>
        )}
        {detail.packets.map((p, i) => (
          <PacketPreview key={p.id} packet={p} index={i} />
        ))}
      </Section>
      <Group gap="md">
        <Anchor href={href.releaseAccounting(r.clientId)}>Accounting of disclosures for {r.clientName}</Anchor>
        <Anchor href={href.releaseQueue()}>Back to the queue</Anchor>
      </Group>
      {!finished && (
        <Section id="req-close" title="Close without release">
          <CloseForm requestId={requestId} />
        </Section>
      )}
    </Stack>
  );
}

export function RequestPage({ requestId }: { readonly requestId: string }) {
  const detail = useQuery({ queryKey: releaseKeys.request(requestId), queryFn: () => releaseApi.request(requestId) });
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {detail.data ? `Request · ${detail.data.request.clientName}` : 'Request'}
      </Title>
      <QueryState query={detail} label="the request">
        {() => <RequestBody requestId={requestId} detail={detail.data!} />}
      </QueryState>
    </Stack>
  );
}
