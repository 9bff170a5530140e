/**
 * A client's authorizations (45 CFR 164.508): each with the gate's check on today's date
 * (every defect named by element, 164.508(b)(2)), expiry, a written revocation (effective
 * on receipt, never retroactive, 164.508(b)(5)) and scanned copies; and the form to file one
 * with the 164.508(c) checklist, element by element and statement by statement.
 */
import { Anchor, Badge, Button, Checkbox, Group, List, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { todayIso } from '../pages/common.tsx';
import { downloads, fileToBase64, releaseApi, type AuthorizationOnFile, type NewAuthorizationBody } from './release-api.ts';
import { FilePicker, MutationError, YesNo, fileOk } from './release-common.tsx';

function useInvalidateRelease(): () => void {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ['release'] });
}

function RevokeForm({ a }: { readonly a: AuthorizationOnFile }) {
  const invalidate = useInvalidateRelease();
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const revoke = useMutation({ mutationFn: () => releaseApi.revoke(a.authorization.id, { receivedOn, ...(note.trim() ? { note: note.trim() } : {}) }), onSuccess: invalidate });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    revoke.mutate();
  };
  return (
    <form onSubmit={submit} aria-label={`Record revocation of the authorization for ${a.authorization.recipient ?? 'unknown recipient'}`}>
      <Stack gap={6}>
        <MutationError mutation={revoke} title="Revocation not recorded" />
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput label="Written revocation received on" type="date" required value={receivedOn} onChange={(e) => setReceivedOn(e.currentTarget.value)} />
          <TextInput label="Revocation note" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button type="submit" variant="outline" color="red" loading={revoke.isPending}>
            Record revocation
          </Button>
        </Group>
        <Text size="xs">Effective on receipt; disclosures made before that day stay valid (45 CFR 164.508(b)(5)).</Text>
      </Stack>
    </form>
  );
}

function ScanUpload({ authorizationId }: { readonly authorizationId: string }) {
  const invalidate = useInvalidateRelease();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async (f: File) => releaseApi.attach({ authorizationId, filename: f.name, contentType: f.type, dataBase64: await fileToBase64(f) }),
    onSuccess: () => {
      setFile(null);
      invalidate();
    },
  });
  return (
    <Stack gap={6}>
      <MutationError mutation={upload} title="Scan not attached" />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <FilePicker label="Scanned copy of the signed form" file={file} onChange={setFile} />
        <Button variant="outline" disabled={!fileOk(file)} loading={upload.isPending} onClick={() => fileOk(file) && upload.mutate(file)}>
          Attach scan
        </Button>
      </Group>
    </Stack>
  );
}

function AuthorizationCard({ a }: { readonly a: AuthorizationOnFile }) {
  const f = a.authorization;
  const titleId = `auth-${f.id}`;
  return (
    <Paper withBorder p="sm" component="article" aria-labelledby={titleId}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Title order={4} size="h5" id={titleId}>
            {f.kind === 'psychotherapy-notes' ? 'Psychotherapy-notes authorization' : 'General authorization'} for {f.recipient ?? '(no recipient)'}
          </Title>
          <YesNo value={a.check.valid} yes="Valid today" no="Defective" />
          {a.revocation && <Badge color="dark">Revoked {a.revocation.receivedOn}</Badge>}
        </Group>
        <Text size="sm">
          Purpose: {f.purpose ?? '—'} · Signed {f.signedOn ?? '—'} by {f.signedBy ?? '—'} · Expires {f.expiresOn ?? f.expirationEvent ?? '—'}
        </Text>
        {a.check.problems.length > 0 && (
          <List size="sm" spacing={2} aria-label="Defects">
            {a.check.problems.map((p, i) => (
              <List.Item key={`${p.code}-${i}`}>
                {p.element ? <strong>{p.element}: </strong> : null}
                {p.message}
              </List.Item>
            ))}
          </List>
        )}
        {a.attachments.length > 0 && (
          <Text size="sm">
            Scanned copies:{' '}
            {a.attachments.map((s, i) => (
              <span key={s.id}>
                {i > 0 ? ', ' : ''}
                <Anchor href={downloads.attachment(s.id)} download>
                  {s.filename}
                </Anchor>
              </span>
            ))}
          </Text>
        )}
        <ScanUpload authorizationId={f.id} />
        {!a.revocation && <RevokeForm a={a} />}
      </Stack>
    </Paper>
  );
}

/** The 164.508(c)(1) core elements, as data: form field, label, citation. */
const ELEMENTS = [
  { key: 'description', label: 'Description of the information', cite: '(c)(1)(i)' },
  { key: 'discloser', label: 'Who may disclose', cite: '(c)(1)(ii)' },
  { key: 'recipient', label: 'Who may receive', cite: '(c)(1)(iii)' },
  { key: 'purpose', label: 'Purpose of the disclosure', cite: '(c)(1)(iv)' },
  { key: 'signedBy', label: 'Signature (name as signed)', cite: '(c)(1)(vi)' },
] as const;

/** The 164.508(c)(2) required statements. */
const STATEMENTS = [
  { key: 'rightToRevoke', label: 'Right to revoke in writing, and how', cite: '(c)(2)(i)' },
  { key: 'conditioning', label: 'Whether treatment or payment may be conditioned on signing', cite: '(c)(2)(ii)' },
  { key: 'redisclosure', label: 'Information may be redisclosed and lose protection', cite: '(c)(2)(iii)' },
] as const;

type ElementKey = (typeof ELEMENTS)[number]['key'];
type StatementKey = (typeof STATEMENTS)[number]['key'];

function NewAuthorizationForm({ clientId }: { readonly clientId: string }) {
  const invalidate = useInvalidateRelease();
  const [kind, setKind] = useState<'general' | 'psychotherapy-notes'>('general');
  const [text, setText] = useState<Record<ElementKey, string>>({ description: '', discloser: '', recipient: '', purpose: '', signedBy: '' });
  const [statements, setStatements] = useState<Record<StatementKey, boolean>>({ rightToRevoke: false, conditioning: false, redisclosure: false });
  const [signedOn, setSignedOn] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [expirationEvent, setExpirationEvent] = useState('');
  const [signerRole, setSignerRole] = useState<'individual' | 'personal-representative'>('individual');
  const [representativeAuthority, setRepresentativeAuthority] = useState('');
  const [flags, setFlags] = useState({ combinedWithOther: false, includesPsychotherapyNotes: false, improperlyConditioned: false, plainLanguage: false, copyGivenToClient: false });
  const [file, setFile] = useState<File | null>(null);
  const file_ = useMutation({
    mutationFn: async () => {
      const opt = (v: string) => (v.trim() ? v.trim() : undefined);
      const body: NewAuthorizationBody = {
        kind,
        recipient: text.recipient.trim(),
        purpose: text.purpose.trim(),
        signedOn,
        signerRole,
        statements,
        ...flags,
        ...(opt(text.description) ? { description: opt(text.description) } : {}),
        ...(opt(text.discloser) ? { discloser: opt(text.discloser) } : {}),
        ...(opt(text.signedBy) ? { signedBy: opt(text.signedBy) } : {}),
        ...(expiresOn ? { expiresOn } : {}),
        ...(opt(expirationEvent) ? { expirationEvent: opt(expirationEvent) } : {}),
        ...(signerRole === 'personal-representative' && opt(representativeAuthority) ? { representativeAuthority: opt(representativeAuthority) } : {}),
      };
      const { id } = await releaseApi.fileAuthorization(clientId, body);
      if (fileOk(file)) await releaseApi.attach({ authorizationId: id, filename: file.name, contentType: file.type, dataBase64: await fileToBase64(file) });
      return id;
    },
    onSuccess: () => {
      setText({ description: '', discloser: '', recipient: '', purpose: '', signedBy: '' });
      setStatements({ rightToRevoke: false, conditioning: false, redisclosure: false });
      setSignedOn('');
      setExpiresOn('');
      setExpirationEvent('');
      setFile(null);
      invalidate();
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    file_.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="New authorization">
      <Stack gap="sm">
        <Title order={3} size="h5">
          New authorization
        </Title>
        <Text size="sm">Enter each element as the form shows it. Leave an element blank when the form lacks it: the gate then names it as the defect (45 CFR 164.508(b)(2)).</Text>
        <MutationError mutation={file_} title="Authorization not filed" />
        {file_.isSuccess && (
          <Text size="sm" role="status">
            Authorization filed.
          </Text>
        )}
        <NativeSelect
          label="Kind"
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value === 'psychotherapy-notes' ? 'psychotherapy-notes' : 'general')}
          data={[
            { value: 'general', label: 'General (chart, progress notes)' },
            { value: 'psychotherapy-notes', label: 'Psychotherapy notes only (164.508(a)(2))' },
          ]}
        />
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' }}>Core elements, 45 CFR 164.508(c)(1)</legend>
          <Stack gap={6}>
            {ELEMENTS.map((el) => (
              <TextInput
                key={el.key}
                label={`${el.label} ${el.cite}`}
                required={el.key === 'recipient' || el.key === 'purpose'}
                value={text[el.key]}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setText((prev) => ({ ...prev, [el.key]: v }));
                }}
              />
            ))}
            <Group gap="sm" wrap="wrap">
              <TextInput label="Signed on (c)(1)(vi)" type="date" required value={signedOn} onChange={(e) => setSignedOn(e.currentTarget.value)} />
              <TextInput label="Expires on (c)(1)(v)" type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.currentTarget.value)} />
              <TextInput label="Or expiration event (c)(1)(v)" value={expirationEvent} onChange={(e) => setExpirationEvent(e.currentTarget.value)} />
            </Group>
            <NativeSelect
              label="Signed by"
              value={signerRole}
              onChange={(e) => setSignerRole(e.currentTarget.value === 'personal-representative' ? 'personal-representative' : 'individual')}
              data={[
                { value: 'individual', label: 'The client' },
                { value: 'personal-representative', label: 'A personal representative' },
              ]}
            />
            {signerRole === 'personal-representative' && (
              <Textarea label="Description of the representative's authority (c)(1)(vi)" value={representativeAuthority} onChange={(e) => setRepresentativeAuthority(e.currentTarget.value)} />
            )}
          </Stack>
        </fieldset>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' }}>Required statements, 45 CFR 164.508(c)(2): the form contains</legend>
          <Stack gap={4}>
            {STATEMENTS.map((st) => (
              <Checkbox
                key={st.key}
                label={`${st.label} ${st.cite}`}
                checked={statements[st.key]}
                onChange={(e) => {
                  const v = e.currentTarget.checked;
                  setStatements((prev) => ({ ...prev, [st.key]: v }));
                }}
              />
            ))}
          </Stack>
        </fieldset>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' }}>Other checks</legend>
          <Stack gap={4}>
            <Checkbox label="Combined with another document (164.508(b)(3))" checked={flags.combinedWithOther} onChange={(e) => setFlags((p) => ({ ...p, combinedWithOther: e.currentTarget.checked }))} />
            {kind === 'general' && (
              <Checkbox label="A general form with a psychotherapy-notes box ticked (164.508(b)(3)(ii))" checked={flags.includesPsychotherapyNotes} onChange={(e) => setFlags((p) => ({ ...p, includesPsychotherapyNotes: e.currentTarget.checked }))} />
            )}
            <Checkbox label="Treatment or payment was conditioned on signing (164.508(b)(4))" checked={flags.improperlyConditioned} onChange={(e) => setFlags((p) => ({ ...p, improperlyConditioned: e.currentTarget.checked }))} />
            <Checkbox label="Written in plain language (164.508(c)(3))" checked={flags.plainLanguage} onChange={(e) => setFlags((p) => ({ ...p, plainLanguage: e.currentTarget.checked }))} />
            <Checkbox label="A copy was given to the client (164.508(c)(4))" checked={flags.copyGivenToClient} onChange={(e) => setFlags((p) => ({ ...p, copyGivenToClient: e.currentTarget.checked }))} />
          </Stack>
        </fieldset>
        <FilePicker label="Scanned copy of the signed form" file={file} onChange={setFile} />
        <Button type="submit" w="fit-content" loading={file_.isPending} disabled={!signedOn || (file !== null && !fileOk(file))}>
          File authorization
        </Button>
      </Stack>
    </form>
  );
}

export function AuthorizationsPanel({ clientId, authorizations }: { readonly clientId: string; readonly authorizations: readonly AuthorizationOnFile[] }) {
  const [open, setOpen] = useState(false);
  const formId = useId();
  return (
    <Stack gap="sm">
      {authorizations.length === 0 ? <Text size="sm">No authorizations on file for this client.</Text> : authorizations.map((a) => <AuthorizationCard key={a.authorization.id} a={a} />)}
      <Button variant="outline" w="fit-content" aria-expanded={open} aria-controls={formId} onClick={() => setOpen((o) => !o)}>
        {open ? 'Hide the authorization form' : 'File an authorization'}
      </Button>
      <div id={formId} hidden={!open}>
        {open && <NewAuthorizationForm clientId={clientId} />}
      </div>
    </Stack>
  );
}
