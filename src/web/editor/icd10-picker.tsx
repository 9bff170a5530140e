/**
 * ICD-10-CM picker over the browser's behavioural subset (`behavioralIcd10Lookup`): type a
 * code prefix or words of the title, choose from the list. Non-billable category codes are
 * marked, since a claim needs a more specific code (45 CFR 162.1002).
 */
import { ActionIcon, Badge, Group, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useId, useMemo, useState, type Ref } from 'react';
import { behavioralIcd10Lookup } from '../../core/codes/icd10.ts';

export interface DiagnosisValue {
  readonly code: string;
  readonly description?: string | undefined;
}

export interface Icd10PickerProps {
  readonly value: readonly DiagnosisValue[];
  readonly onChange: (next: DiagnosisValue[]) => void;
  readonly inputRef?: Ref<HTMLInputElement> | undefined;
  readonly error?: string | undefined;
  readonly readOnly?: boolean | undefined;
}

/** Diagnoses as removable chips plus a search box with results. */
export function Icd10Picker({ value, onChange, inputRef, error, readOnly }: Icd10PickerProps) {
  const [query, setQuery] = useState('');
  const id = useId();
  const lookup = behavioralIcd10Lookup();
  const results = useMemo(() => (query.trim().length < 2 ? [] : lookup.search(query, 8)), [lookup, query]);
  const chosen = new Set(value.map((d) => d.code));

  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={`${id}-label`}>
        Diagnoses (ICD-10-CM {lookup.version})
      </Text>
      {value.length > 0 ? (
        <Group gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-labelledby={`${id}-label`}>
          {value.map((d) => (
            <li key={d.code}>
              <Badge
                variant="light"
                size="lg"
                style={{ textTransform: 'none', maxWidth: '100%', height: 'auto', whiteSpace: 'normal' }}
                rightSection={
                  readOnly ? undefined : (
                    <ActionIcon size="xs" variant="transparent" aria-label={`Remove ${d.code}`} onClick={() => onChange(value.filter((x) => x.code !== d.code))}>
                      ×
                    </ActionIcon>
                  )
                }
              >
                {d.code}
                {d.description ? ` ${d.description}` : ''}
              </Badge>
            </li>
          ))}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          No diagnosis entered.
        </Text>
      )}
      {!readOnly && (
        <>
          <TextInput
            ref={inputRef}
            label="Search ICD-10-CM"
            description="A code (F41) or words of the title (gen anx)"
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            error={error}
            type="search"
            autoComplete="off"
            aria-controls={`${id}-results`}
          />
          <ul id={`${id}-results`} aria-label="ICD-10-CM results" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {results.map((r) => (
              <li key={r.code}>
                <UnstyledButton
                  disabled={chosen.has(r.code)}
                  onClick={() => {
                    onChange([...value, { code: r.code, description: r.title }]);
                    setQuery('');
                  }}
                  style={{ display: 'block', width: '100%', padding: '4px 6px', borderRadius: 4 }}
                  className="icd-result"
                >
                  <Text span fw={600} size="sm" mr={6}>
                    {r.code}
                  </Text>
                  <Text span size="sm">
                    {r.title}
                  </Text>
                  {!r.billable && (
                    <Text span size="xs" c="orange.9" ml={6}>
                      (category: a more specific code is required)
                    </Text>
                  )}
                  {chosen.has(r.code) && (
                    <Text span size="xs" c="dimmed" ml={6}>
                      (added)
                    </Text>
                  )}
                </UnstyledButton>
              </li>
            ))}
          </ul>
        </>
      )}
    </Stack>
  );
}
