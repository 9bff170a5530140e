/** Small pieces the release screens share: mutation errors, yes/no badges, file picking, dates. */
import { Alert, Badge, Text } from '@mantine/core';
import { useId, type ChangeEvent } from 'react';
import { errorMessage } from '../api/client.ts';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from './release-api.ts';

/** An error alert for a failed mutation, or nothing. */
export function MutationError({ mutation, title }: { readonly mutation: { isError: boolean; error: unknown }; readonly title: string }) {
  if (!mutation.isError) return null;
  return (
    <Alert color="red" role="alert" title={title}>
      {errorMessage(mutation.error)}
    </Alert>
  );
}

/** "Yes"/"No" with colour and the word, so colour is never the only signal. */
export function YesNo({ value, yes = 'Yes', no = 'No', label }: { readonly value: boolean; readonly yes?: string; readonly no?: string; readonly label?: string }) {
  return (
    <Badge color={value ? 'teal' : 'red'} variant="filled" aria-label={label ? `${label}: ${value ? yes : no}` : undefined}>
      {value ? yes : no}
    </Badge>
  );
}

/** The days left as words; overdue requests say so in text as well as colour. */
export function DueBadge({ daysLeft }: { readonly daysLeft: number }) {
  if (daysLeft < 0) {
    return (
      <Badge color="red" variant="filled">
        Overdue by {-daysLeft} {-daysLeft === 1 ? 'day' : 'days'}
      </Badge>
    );
  }
  if (daysLeft <= 5) {
    return (
      <Badge color="orange" variant="filled" c="black">
        Due in {daysLeft} {daysLeft === 1 ? 'day' : 'days'}
      </Badge>
    );
  }
  return (
    <Badge color="gray" variant="outline" c="dark">
      {daysLeft} days left
    </Badge>
  );
}

/**
 * A labelled native file input limited to the types the server stores (PDF, PNG, JPEG,
 * TIFF; at most 5 MiB). A native input keeps it keyboard-usable and testable.
 */
export function FilePicker({ label, file, onChange }: { readonly label: string; readonly file: File | null; readonly onChange: (f: File | null) => void }) {
  const id = useId();
  const tooBig = file !== null && file.size > MAX_ATTACHMENT_BYTES;
  const badType = file !== null && !(ATTACHMENT_TYPES as readonly string[]).includes(file.type);
  return (
    <div>
      <label htmlFor={id} style={{ display: 'block', fontWeight: 500, fontSize: 'var(--mantine-font-size-sm)' }}>
        {label}
      </label>
      <input id={id} type="file" accept={ATTACHMENT_TYPES.join(',')} onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.currentTarget.files?.[0] ?? null)} />
      <Text size="xs">PDF, PNG, JPEG or TIFF, at most 5 MB.</Text>
      {(tooBig || badType) && (
        <Text size="sm" c="red.9" role="alert">
          {tooBig ? 'The file is larger than 5 MB.' : 'Only PDF, PNG, JPEG or TIFF files can be attached.'}
        </Text>
      )}
    </div>
  );
}

/** Whether a picked file can be uploaded. */
export function fileOk(file: File | null): file is File {
  return file !== null && file.size <= MAX_ATTACHMENT_BYTES && (ATTACHMENT_TYPES as readonly string[]).includes(file.type);
}

/** "from – to", with open ends in words. */
export function rangeText(r: { from?: string | undefined; to?: string | undefined }): string {
  if (!r.from && !r.to) return 'All dates';
  return `${r.from ?? 'the beginning'} – ${r.to ?? 'now'}`;
}
