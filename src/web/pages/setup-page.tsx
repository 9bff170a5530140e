/**
 * First-run setup: the practice, its first admin, and the recovery code, shown exactly
 * once (45 CFR 164.312(a)(2)(ii), emergency access procedure). The user must confirm they
 * stored it before going on; the code is never kept in browser storage.
 */
import { Alert, Button, Checkbox, Code, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client.ts';
import { api } from '../api/endpoints.ts';

export function SetupPage({ onDone }: { readonly onDone: (adminUsername: string) => void }) {
  const [practiceName, setPracticeName] = useState('');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [clinician, setClinician] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const [stored, setStored] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api.setup({ practiceName, admin: { username, displayName, password, clinician } });
      setPassword('');
      setRecoveryCode(r.recoveryCode);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md" maw="40rem" mx="auto" p="md" component="main">
      <Title order={1}>Set up Notewall</Title>
      {recoveryCode === null ? (
        <form onSubmit={(e) => void submit(e)} aria-label="First-run setup">
          <Stack gap="sm">
            <Text>Create the practice and its first administrator. This page is shown only until setup is done.</Text>
            {error && (
              <Alert color="red" role="alert" title="Setup failed">
                {error}
              </Alert>
            )}
            <TextInput label="Practice name" value={practiceName} onChange={(e) => setPracticeName(e.currentTarget.value)} required />
            <TextInput label="Admin username" autoComplete="username" value={username} onChange={(e) => setUsername(e.currentTarget.value)} required />
            <TextInput label="Admin display name" value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} required />
            <PasswordInput
              label="Admin password"
              description="At least 12 characters"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              required
            />
            <Checkbox label="The admin also sees clients and writes notes (clinician role)" checked={clinician} onChange={(e) => setClinician(e.currentTarget.checked)} />
            <Button type="submit" loading={busy} w="fit-content">
              Create practice
            </Button>
          </Stack>
        </form>
      ) : (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h3">
              Your recovery code
            </Title>
            <Alert color="orange" title="Shown once">
              Store this code offline (printed, in a safe). It is the only way to reach psychotherapy notes in an emergency, and
              it cannot be shown again.
            </Alert>
            <Code block fz="lg" data-testid="recovery-code" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
              {recoveryCode}
            </Code>
            <Checkbox label="I have stored it" checked={stored} onChange={(e) => setStored(e.currentTarget.checked)} />
            <Button
              disabled={!stored}
              w="fit-content"
              onClick={() => {
                setRecoveryCode(null);
                onDone(username);
              }}
            >
              Continue to sign in
            </Button>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
