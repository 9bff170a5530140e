/** Clinician home: today's sessions, unsigned drafts, notes awaiting my co-signature, PHQ-9 item-9 alerts. */
import { Alert, Anchor, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, keys } from '../api/endpoints.ts';
import { href } from '../router.ts';
import { QueryState, Section } from './common.tsx';

export default function HomePage() {
  const home = useQuery({ queryKey: keys.home, queryFn: api.home });
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Home
      </Title>
      <QueryState query={home} label="your home page">
        {() => {
          const h = home.data!;
          return (
            <Stack gap="md">
              {h.item9Alerts.length > 0 && (
                <Alert color="red" title="PHQ-9 item 9 follow-up needed" role="alert">
                  <List>
                    {h.item9Alerts.map((a) => (
                      <List.Item key={a.measureId}>
                        <Anchor href={href.chart(a.clientId)}>{a.clientName}</Anchor>: item 9 answered {a.item9} on {a.administeredOn}. Document a risk
                        assessment or safety plan.
                      </List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              <SimpleGrid cols={{ base: 1, md: 3 }}>
                <Section id="home-today" title={`Today (${h.today})`}>
                  {h.todaysSessions.length === 0 ? (
                    <Text c="dimmed">No sessions today.</Text>
                  ) : (
                    <List>
                      {h.todaysSessions.map((s) => (
                        <List.Item key={s.id}>
                          <Anchor href={href.session(s.clientId, s.id)}>
                            {s.start ?? '—'} {s.clientName}
                          </Anchor>{' '}
                          ({s.modality})
                        </List.Item>
                      ))}
                    </List>
                  )}
                </Section>
                <Section id="home-drafts" title="Unsigned notes">
                  {h.drafts.length === 0 ? (
                    <Text c="dimmed">Nothing waiting for your signature.</Text>
                  ) : (
                    <List>
                      {h.drafts.map((d) => (
                        <List.Item key={d.id}>
                          <Anchor href={href.chart(d.clientId)}>{d.clientName}</Anchor>, session of {d.sessionDate}
                        </List.Item>
                      ))}
                    </List>
                  )}
                </Section>
                <Section id="home-cosign" title="Awaiting your co-signature">
                  {h.awaitingCosign.length === 0 ? (
                    <Text c="dimmed">No notes to co-sign.</Text>
                  ) : (
                    <List>
                      {h.awaitingCosign.map((n) => (
                        <List.Item key={n.id}>
                          <Anchor href={href.chart(n.clientId)}>{n.clientName}</Anchor>, session of {n.sessionDate}
                        </List.Item>
                      ))}
                    </List>
                  )}
                </Section>
              </SimpleGrid>
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
