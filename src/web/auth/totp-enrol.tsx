/**
 * Enrolling an authenticator app: the server makes the secret; the user types it (or the
 * otpauth URI) into their app and confirms with a first code. Required before anything
 * else when the user's role is under the TOTP policy (45 CFR 164.312(d)).
 */
import { Alert, Button, Code, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { TotpEnrolment } from '../api/schemas.ts';

export function TotpEnrol({ required, onDone }: { readonly required: boolean; readonly onDone: () => void }) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async (): Promise<void> => {
    setError(null);
    try {
      setEnrolment(await api.totpEnrol());
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const confirm = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.totpConfirm(code.trim());
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" maw="36rem">
      <Title order={2}>Two-step sign-in</Title>
      {required && <Alert color="blue">Your role requires a second factor. Enrol an authenticator app to continue.</Alert>}
      {error && (
        <Alert color="red" role="alert" title="Not enrolled">
          {error}
        </Alert>
      )}
      {!enrolment ? (
        <Button onClick={() => void start()} w="fit-content">
          Set up an authenticator app
        </Button>
      ) : (
        <form onSubmit={(e) => void confirm(e)} aria-label="Confirm authenticator">
          <Stack gap="sm">
            <Text>Add this key to your authenticator app (time-based, 6 digits, 30 seconds):</Text>
            <Code block>{enrolment.secret}</Code>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {enrolment.otpauthUri}
            </Text>
            <TextInput label="First code from the app" inputMode="numeric" value={code} onChange={(e) => setCode(e.currentTarget.value)} required />
            <Button type="submit" loading={busy} w="fit-content">
              Confirm
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
