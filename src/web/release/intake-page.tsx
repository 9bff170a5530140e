/**
 * Request intake: who asks (the gate's requester vocabulary), for what (records, or the
 * accounting of disclosures itself, 164.528), recipient, purpose, the requester's own
 * description, the date range, the parts of the chart named, the day received, the details
 * the gate needs (court-order scope 164.512(e)(1)(i), oversight of the originator
 * 164.508(a)(2)(ii), a representative's verified authority 164.502(g), a self-pay
 * restriction 164.522(a)(1)(vi)), and the subpoena or order itself as a file.
 */
import { Alert, Button, Checkbox, Group, NativeSelect, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { REQUESTER_LABELS, REQUESTER_TYPES, type RequesterType } from '../../core/disclosure/index.ts';
import { api, keys } from '../api/endpoints.ts';
import { QueryState, Section, todayIso } from '../pages/common.tsx';
import { href } from '../router.ts';
import { RECORD_KINDS, fileToBase64, releaseApi, type NewRequestBody, type RecordKind } from './release-api.ts';
import { FilePicker, MutationError, fileOk } from './release-common.tsx';

/** Requesters records staff log (a language-model run is not a records request). */
const INTAKE_REQUESTERS = REQUESTER_TYPES.filter((t) => t !== 'language-model');

const RECORD_KIND_LABELS: Readonly<Record<RecordKind, string>> = {
  sessions: 'Dates of service (sessions, codes)',
  diagnoses: 'Diagnoses',
  measures: 'Measure results (PHQ-9, GAD-7, PCL-5)',
  'progress-notes': 'Progress notes',
};

export interface IntakeState {
  clientId: string;
  requesterType: RequesterType;
  asksFor: 'records' | 'accounting-of-disclosures';
  recipientName: string;
  address: string;
  attention: string;
  purpose: string;
  description: string;
  from: string;
  to: string;
  recordsAsked: RecordKind[];
  receivedOn: string;
  coversProgressNotes: boolean;
  coversPsychotherapyNotes: boolean;
  ofOriginator: boolean;
  authorityVerified: boolean;
  selfPayRestriction: boolean;
}

/** The request body from the form: empty inputs are left out, details only for the requester types they belong to. */
export function intakeBody(s: IntakeState): NewRequestBody {
  const lines = s.address
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    clientId: s.clientId,
    requesterType: s.requesterType,
    asksFor: s.asksFor,
    recipient: { name: s.recipientName.trim(), addressLines: lines, ...(s.attention.trim() ? { attention: s.attention.trim() } : {}) },
    purpose: s.purpose.trim(),
    description: s.description.trim(),
    dateRange: { ...(s.from ? { from: s.from } : {}), ...(s.to ? { to: s.to } : {}) },
    ...(s.recordsAsked.length > 0 ? { recordsAsked: s.recordsAsked } : {}),
    receivedOn: s.receivedOn,
    ...(s.requesterType === 'court-order' ? { courtOrder: { coversProgressNotes: s.coversProgressNotes, coversPsychotherapyNotes: s.coversPsychotherapyNotes } } : {}),
    ...(s.requesterType === 'health-oversight' ? { oversight: { ofOriginator: s.ofOriginator } } : {}),
    ...(s.requesterType === 'personal-representative' ? { representative: { authorityVerified: s.authorityVerified } } : {}),
    ...(s.requesterType === 'payer' ? { payer: { selfPayRestriction: s.selfPayRestriction } } : {}),
  };
}

export function IntakePage() {
  const queryClient = useQueryClient();
  const clients = useQuery({ queryKey: keys.clients, queryFn: api.clients });
  const [s, setS] = useState<IntakeState>({
    clientId: '',
    requesterType: 'payer',
    asksFor: 'records',
    recipientName: '',
    address: '',
    attention: '',
    purpose: '',
    description: '',
    from: '',
    to: '',
    recordsAsked: [],
    receivedOn: todayIso(),
    coversProgressNotes: true,
    coversPsychotherapyNotes: false,
    ofOriginator: false,
    authorityVerified: false,
    selfPayRestriction: false,
  });
  const [file, setFile] = useState<File | null>(null);
  const set = <K extends keyof IntakeState>(k: K, v: IntakeState[K]): void => setS((prev) => ({ ...prev, [k]: v }));
  const create = useMutation({
    mutationFn: async () => {
      const { id } = await releaseApi.createRequest(intakeBody(s));
      if (fileOk(file)) await releaseApi.attach({ requestId: id, filename: file.name, contentType: file.type, dataBase64: await fileToBase64(file) });
      return id;
    },
    onSuccess: (id) => {
      void queryClient.invalidateQueries({ queryKey: ['release'] });
      window.location.hash = href.releaseRequest(id);
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    create.mutate();
  };
  const t = s.requesterType;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Log a records request
      </Title>
      <QueryState query={clients} label="clients">
        {() => (
          <form onSubmit={submit} aria-label="New records request">
            <Stack gap="md">
              <MutationError mutation={create} title="Request not logged" />
              <Section id="intake-who" title="Who asks, about whom">
                <NativeSelect
                  label="Client"
                  required
                  value={s.clientId}
                  onChange={(e) => set('clientId', e.currentTarget.value)}
                  data={[{ value: '', label: 'Choose a client' }, ...clients.data!.map((c) => ({ value: c.id, label: `${c.displayName}${c.dateOfBirth ? ` (born ${c.dateOfBirth})` : ''}` }))]}
                />
                <NativeSelect
                  label="Requester type"
                  description="Decides what the gate allows; a court-issued subpoena is a court order only after legal review."
                  value={t}
                  onChange={(e) => set('requesterType', e.currentTarget.value as RequesterType)}
                  data={INTAKE_REQUESTERS.map((r) => ({ value: r, label: REQUESTER_LABELS[r] }))}
                />
                <Radio.Group label="What is asked for" value={s.asksFor} onChange={(v) => set('asksFor', v === 'accounting-of-disclosures' ? 'accounting-of-disclosures' : 'records')}>
                  <Group gap="md" mt={4}>
                    <Radio value="records" label="Records" />
                    <Radio value="accounting-of-disclosures" label="The accounting of disclosures (164.528)" />
                  </Group>
                </Radio.Group>
                <TextInput label="Received on" type="date" required value={s.receivedOn} onChange={(e) => set('receivedOn', e.currentTarget.value)} />
              </Section>
              <Section id="intake-recipient" title="Recipient and purpose">
                <TextInput label="Recipient name" required value={s.recipientName} onChange={(e) => set('recipientName', e.currentTarget.value)} description="As named on any authorization; the gate matches it" />
                <Textarea label="Recipient address" description="One line per address line" autosize minRows={2} value={s.address} onChange={(e) => set('address', e.currentTarget.value)} />
                <TextInput label="Attention" value={s.attention} onChange={(e) => set('attention', e.currentTarget.value)} />
                <TextInput label="Purpose" required value={s.purpose} onChange={(e) => set('purpose', e.currentTarget.value)} />
                <Textarea label="What the request asks for, in the requester's words" autosize minRows={2} value={s.description} onChange={(e) => set('description', e.currentTarget.value)} />
              </Section>
              <Section id="intake-scope" title="Scope">
                <Group gap="sm" wrap="wrap">
                  <TextInput label="Records from" type="date" value={s.from} onChange={(e) => set('from', e.currentTarget.value)} />
                  <TextInput label="Records to" type="date" value={s.to} onChange={(e) => set('to', e.currentTarget.value)} />
                </Group>
                <Checkbox.Group
                  label="Parts of the chart the request names"
                  description="Leave all unticked when it names none: minimum necessary then sends the requester's standard set (164.514(d)(3))."
                  value={s.recordsAsked}
                  onChange={(v) => set('recordsAsked', RECORD_KINDS.filter((k) => v.includes(k)))}
                >
                  <Stack gap={4} mt={4}>
                    {RECORD_KINDS.map((k) => (
                      <Checkbox key={k} value={k} label={RECORD_KIND_LABELS[k]} />
                    ))}
                  </Stack>
                </Checkbox.Group>
                {t === 'court-order' && (
                  <Stack gap={4}>
                    <Text size="sm" fw={500}>
                      What the order names (164.512(e)(1)(i): release only what it names)
                    </Text>
                    <Checkbox label="The order names progress notes and the chart" checked={s.coversProgressNotes} onChange={(e) => set('coversProgressNotes', e.currentTarget.checked)} />
                    <Checkbox label="The order expressly names psychotherapy notes" checked={s.coversPsychotherapyNotes} onChange={(e) => set('coversPsychotherapyNotes', e.currentTarget.checked)} />
                  </Stack>
                )}
                {t === 'health-oversight' && <Checkbox label="The oversight is of the psychotherapy notes' author (164.508(a)(2)(ii))" checked={s.ofOriginator} onChange={(e) => set('ofOriginator', e.currentTarget.checked)} />}
                {t === 'personal-representative' && <Checkbox label="The representative's authority was checked and documented (164.502(g))" checked={s.authorityVerified} onChange={(e) => set('authorityVerified', e.currentTarget.checked)} />}
                {t === 'payer' && <Checkbox label="The client paid out of pocket and restricted disclosure to the plan (164.522(a)(1)(vi))" checked={s.selfPayRestriction} onChange={(e) => set('selfPayRestriction', e.currentTarget.checked)} />}
              </Section>
              <Section id="intake-document" title="The request document">
                <FilePicker label="Attach the subpoena, order or letter" file={file} onChange={setFile} />
              </Section>
              {t === 'attorney-subpoena' && (
                <Alert color="blue" title="Subpoena without a court order">
                  Nothing is released until the subpoena checklist records the notice to the client, the closed objection window and the written satisfactory assurance, or a
                  qualified protective order (45 CFR 164.512(e)(1)(ii)). Psychotherapy notes never go on a subpoena alone.
                </Alert>
              )}
              <Button type="submit" loading={create.isPending} w="fit-content" disabled={!s.clientId || (file !== null && !fileOk(file))}>
                Log request
              </Button>
            </Stack>
          </form>
        )}
      </QueryState>
    </Stack>
  );
}
