/**
 * Sign-in (45 CFR 164.312(d) person authentication): username and password, then the
 * authenticator code when the account has a second factor. The server answers
 * `totp-required` when the password was right and a code is needed.
 */
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { SessionInfo } from '../api/schemas.ts';

export interface LoginFormProps {
  readonly onSignedIn: (info: SessionInfo) => void;
  readonly defaultUsername?: string | undefined;
}

export function LoginForm({ onSignedIn, defaultUsername = '' }: LoginFormProps) {
  const [username, setUsername] = useState(defaultUsername);
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const info = await api.login({ username, password, ...(needTotp && totpCode.trim() !== '' ? { totpCode: totpCode.trim() } : {}) });
      setPassword('');
      onSignedIn(info);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp-required') {
        if (needTotp && totpCode.trim() !== '') setError('That code did not work. Enter the current code from your authenticator app.');
        setNeedTotp(true);
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Sign in">
      <Stack gap="sm">
        {error && (
          <Alert color="red" title="Not signed in" role="alert">
            {error}
          </Alert>
        )}
        <TextInput label="Username" autoComplete="username" value={username} onChange={(e) => setUsername(e.currentTarget.value)} required />
        <PasswordInput label="Password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} required />
        {needTotp && (
          <TextInput
            label="Authenticator code"
            description="Six digits from your authenticator app"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={totpCode}
            onChange={(e) => setTotpCode(e.currentTarget.value)}
            required
            data-autofocus
            autoFocus
          />
        )}
        <Button type="submit" loading={busy}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
