/**
 * Users and their roles, with a role filter and a name search. Actions (edit roles,
 * deactivate) are callbacks; the server decides what is allowed.
 */
import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';

/** The roles a user may hold (mirrors the server's closed list). */
export const USER_ROLES = ['admin', 'clinician', 'supervisor', 'records', 'biller'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface UserRow {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly UserRole[];
  readonly totpEnabled: boolean;
  readonly active: boolean;
  /** UTC ISO time, absent if never. */
  readonly lastLoginAt?: string | undefined;
}

export interface UsersTableProps {
  readonly users: readonly UserRow[];
  readonly onEdit?: ((user: UserRow) => void) | undefined;
}

/** Searchable, role-filtered users table. */
export function UsersTable({ users, onEdit }: UsersTableProps) {
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<UserRole | ''>('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return users.filter(
      (u) => (role === '' || u.roles.includes(role)) && (q === '' || u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q)),
    );
  }, [users, query, role]);

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Users and roles
      </Title>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput label="Search users" type="search" value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
        <NativeSelect label="Role" value={role} onChange={(e) => setRole(e.currentTarget.value as UserRole | '')} data={[{ value: '', label: 'All roles' }, ...USER_ROLES]} />
      </Group>
      <Text size="sm" role="status">
        Showing {shown.length} of {users.length} users.
      </Text>
      <Table.ScrollContainer minWidth={0}>
        <Table striped withTableBorder fz="sm">
          <Table.Caption>Users</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Username</Table.Th>
              <Table.Th scope="col">Roles</Table.Th>
              <Table.Th scope="col">Two-factor</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Last sign-in (UTC)</Table.Th>
              {onEdit && <Table.Th scope="col">Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Th scope="row">{u.displayName}</Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{u.username}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {u.roles.map((r) => (
                      <Badge key={r} variant="light" size="sm">
                        {r}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{u.totpEnabled ? 'on' : 'off'}</Table.Td>
                <Table.Td>{u.active ? 'active' : 'deactivated'}</Table.Td>
                <Table.Td>{u.lastLoginAt ? u.lastLoginAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : 'never'}</Table.Td>
                {onEdit && (
                  <Table.Td>
                    <Button size="compact-sm" variant="light" onClick={() => onEdit(u)} aria-label={`Edit ${u.displayName}`}>
                      Edit
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
