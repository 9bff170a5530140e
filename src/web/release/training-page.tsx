/**
 * Staff training on release of information (45 CFR 164.530(b)(1)): the scenario quiz, one
 * radio group per question; submitting grades every answer and explains it with its
 * citation; a pass is recorded as the staff member's completion. Admins see completion per
 * staff member on the report.
 */
import { Alert, Badge, Button, List, Paper, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { QueryState, formatWhen } from '../pages/common.tsx';
import { releaseApi, releaseKeys, type TrainingResult } from './release-api.ts';
import { MutationError } from './release-common.tsx';

function Feedback({ result }: { readonly result: TrainingResult }) {
  return (
    <Alert color={result.passed ? 'teal' : 'orange'} role="status" title={result.passed ? 'Passed: your completion is recorded' : 'Not passed yet'}>
      {result.correctCount} of {result.total} correct ({result.score} %; the pass mark is {Math.round(result.passMark * 100)} %). Each question below shows the right answer, why, and the rule.
    </Alert>
  );
}

export function TrainingPage() {
  const queryClient = useQueryClient();
  const questions = useQuery({ queryKey: releaseKeys.questions, queryFn: releaseApi.questions });
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const attempt = useMutation({ mutationFn: () => releaseApi.attempt(answers), onSuccess: () => void queryClient.invalidateQueries({ queryKey: releaseKeys.completions }) });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    attempt.mutate();
    window.scrollTo(0, 0);
  };
  const result = attempt.data;
  const feedback = new Map(result?.feedback.map((f) => [f.id, f]));
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Training: release of information
      </Title>
      <Text size="sm">Scenarios drawn from the disclosure rules. Answer each one; every answer is explained with its citation after you submit. 80 % passes.</Text>
      {result && <Feedback result={result} />}
      <MutationError mutation={attempt} title="Answers not graded" />
      <QueryState query={questions} label="the questions">
        {() => (
          <form onSubmit={submit} aria-label="Training quiz">
            <Stack gap="md">
              {questions.data!.map((q, i) => {
                const f = feedback.get(q.id);
                return (
                  <Paper key={q.id} withBorder p="md">
                    <Stack gap="xs">
                      {f ? (
                        <Stack gap={4}>
                          <Text size="sm" fw={600}>
                            Question {i + 1} ({q.topic}): {q.prompt}
                          </Text>
                          <List size="sm" spacing={2}>
                            {q.choices.map((c, ci) => (
                              <List.Item key={ci} fw={ci === f.correctChoice ? 700 : undefined}>
                                {c}
                                {ci === f.chosen ? ' (your answer)' : ''}
                                {ci === f.correctChoice ? ' (right answer)' : ''}
                              </List.Item>
                            ))}
                          </List>
                        </Stack>
                      ) : (
                        <Radio.Group
                          label={`Question ${i + 1} (${q.topic}): ${q.prompt}`}
                          value={answers[q.id] === undefined ? null : String(answers[q.id])}
                          onChange={(v) => setAnswers((prev) => ({ ...prev, [q.id]: Number(v) }))}
                        >
                          <Stack gap={6} mt={6}>
                            {q.choices.map((c, ci) => (
                              <Radio key={ci} value={String(ci)} label={c} />
                            ))}
                          </Stack>
                        </Radio.Group>
                      )}
                      {f && (
                        <Stack gap={4} aria-live="polite">
                          <Badge color={f.correct ? 'teal' : 'red'} variant="filled">
                            {f.correct ? 'Correct' : 'Not correct'}
                          </Badge>
                          <Text size="sm">{f.explanation}</Text>
                          <Text size="sm">
                            <strong>Rule:</strong> {f.citation}
                          </Text>
                        </Stack>
                      )}
                    </Stack>
                  </Paper>
                );
              })}
              {result ? (
                <Button
                  w="fit-content"
                  variant="outline"
                  onClick={() => {
                    setAnswers({});
                    attempt.reset();
                  }}
                >
                  Take the quiz again
                </Button>
              ) : (
                <Button type="submit" w="fit-content" loading={attempt.isPending}>
                  Submit answers ({Object.keys(answers).length} of {questions.data!.length} answered)
                </Button>
              )}
            </Stack>
          </form>
        )}
      </QueryState>
    </Stack>
  );
}

export function TrainingReport() {
  const report = useQuery({ queryKey: releaseKeys.completions, queryFn: releaseApi.completions });
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Training report
      </Title>
      <Text size="sm">Release-of-information training completion per staff member (45 CFR 164.530(b)(2)(ii): document that training was given).</Text>
      <QueryState query={report} label="the report">
        {() => (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Training completion" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Staff member</Table.Th>
                  <Table.Th scope="col">Roles</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Latest completion</Table.Th>
                  <Table.Th scope="col">Score</Table.Th>
                  <Table.Th scope="col">Passes</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.data!.map((u) => (
                  <Table.Tr key={u.userId}>
                    <Table.Td>
                      {u.displayName} ({u.username}){u.active ? '' : ', inactive'}
                    </Table.Td>
                    <Table.Td>{u.roles.join(', ')}</Table.Td>
                    <Table.Td>
                      <Badge color={u.completedAt ? 'teal' : 'red'} variant="filled">
                        {u.completedAt ? 'Completed' : 'Not completed'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{u.completedAt ? formatWhen(u.completedAt) : '—'}</Table.Td>
                    <Table.Td>{u.score === null ? '—' : `${u.score} %`}</Table.Td>
                    <Table.Td>{u.attempts}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Stack>
  );
}
