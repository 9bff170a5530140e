/**
 * The idle-timeout warning (45 CFR 164.312(a)(2)(iii), automatic logoff): shown shortly
 * before the server ends an idle session, counting down, with "Stay signed in".
 */
import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useState } from 'react';

export interface IdleWarningProps {
  readonly opened: boolean;
  /** When the session will end, as epoch milliseconds. */
  readonly deadline: number;
  /** Keeps the session alive (the caller pings the server). */
  readonly onStay: () => void;
  readonly onSignOut: () => void;
  /** Called once when the countdown reaches zero. */
  readonly onExpire?: (() => void) | undefined;
  /** Clock, for tests. */
  readonly now?: (() => number) | undefined;
}

/** Formats whole seconds as m:ss. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A modal that counts down to `deadline` once a second. */
export function IdleWarning({ opened, deadline, onStay, onSignOut, onExpire, now = Date.now }: IdleWarningProps) {
  const [left, setLeft] = useState(() => (deadline - now()) / 1000);
  useEffect(() => {
    if (!opened) return undefined;
    let expired = false;
    const tick = (): void => {
      const remaining = (deadline - now()) / 1000;
      setLeft(remaining);
      if (remaining <= 0 && !expired) {
        expired = true;
        onExpire?.();
      }
    };
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [opened, deadline, now, onExpire]);

  return (
    <Modal opened={opened} onClose={onStay} title="You will be signed out soon" centered closeOnClickOutside={false} withCloseButton={false}>
      <Text mb="xs">For privacy, idle sessions end automatically.</Text>
      {/* Announced politely, not every second: the live region holds whole minutes only. */}
      <Text size="xl" fw={700} aria-hidden="true" data-testid="idle-countdown">
        {formatCountdown(left)}
      </Text>
      <Text className="visually-hidden" aria-live="polite">
        {left > 60 ? `About ${Math.ceil(left / 60)} minutes left.` : 'Less than a minute left.'}
      </Text>
      <Text size="sm" c="dimmed" mt="xs">
        Unsaved text stays in this window after sign-out.
      </Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onSignOut}>
          Sign out now
        </Button>
        <Button onClick={onStay} data-autofocus>
          Stay signed in
        </Button>
      </Group>
    </Modal>
  );
}
