/** The officers' back office: side navigation by role, content on the right (a drawer on phones). */
import { AppShell, Burger, Button, Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, ScrollRestoration, useNavigate } from 'react-router';
import { useAuth, type Role } from '../auth/auth';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { RequireAuth } from '../components/RequireAuth';
import { ADMIN_SECTIONS } from '../admin/sections';
import classes from './layout.module.css';

interface Item {
  to: string;
  label: string;
  roles: Role[];
}

export function OfficeLayout() {
  return (
    <RequireAuth
      roles={['receiving_officer', 'specialist', 'leader', 'clerk', 'agency_admin', 'system_admin']}
    >
      <OfficeShell />
    </RequireAuth>
  );
}

function OfficeShell() {
  const { t } = useTranslation(['office', 'common', 'documents']);
  const { user, logout, hasRole } = useAuth();
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure(false);
  const officers: Role[] = ['receiving_officer', 'specialist', 'leader', 'agency_admin', 'system_admin'];
  const groups: Array<{ title: string; items: Item[] }> = [
    {
      title: t('office:nav.work'),
      items: [
        {
          to: '/mot-cua/tiep-nhan',
          label: t('office:nav.counter'),
          roles: ['receiving_officer', 'system_admin'],
        },
        {
          to: '/mot-cua/hang-doi/to_receive',
          label: t('office:queues.to_receive'),
          roles: ['receiving_officer', 'system_admin'],
        },
        {
          to: '/mot-cua/hang-doi/to_process',
          label: t('office:queues.to_process'),
          roles: ['specialist', 'leader', 'system_admin'],
        },
        {
          to: '/mot-cua/hang-doi/to_approve',
          label: t('office:queues.to_approve'),
          roles: ['leader', 'system_admin'],
        },
        {
          to: '/mot-cua/hang-doi/tasks',
          label: t('office:queues.tasks'),
          roles: ['specialist', 'leader', 'system_admin'],
        },
        {
          to: '/mot-cua/hang-doi/tasks_returned',
          label: t('office:queues.tasks_returned'),
          roles: ['specialist', 'leader', 'system_admin'],
        },
        {
          to: '/mot-cua/hang-doi/to_return',
          label: t('office:queues.to_return'),
          roles: ['receiving_officer', 'system_admin'],
        },
        { to: '/mot-cua/hang-doi/due_soon', label: t('office:queues.due_soon'), roles: officers },
        { to: '/mot-cua/hang-doi/overdue', label: t('office:queues.overdue'), roles: officers },
        { to: '/mot-cua/hang-doi/all', label: t('office:queues.all'), roles: officers },
      ],
    },
    {
      title: t('documents:nav.group'),
      items: [
        { to: '/van-ban/den', label: t('documents:nav.incoming'), roles: ['clerk', 'leader', 'specialist'] },
        { to: '/van-ban/di', label: t('documents:nav.outgoing'), roles: ['clerk', 'leader', 'specialist'] },
        { to: '/van-ban/soan-thao', label: t('documents:nav.draft'), roles: ['leader', 'specialist'] },
        { to: '/van-ban/so', label: t('documents:nav.registers'), roles: ['clerk', 'leader'] },
      ],
    },
    {
      title: t('office:nav.reports'),
      items: [{ to: '/mot-cua/bang-dieu-khien', label: t('office:nav.dashboard'), roles: officers }],
    },
    {
      title: t('office:nav.admin'),
      items: ADMIN_SECTIONS.map((section) => ({
        to: section.path,
        label: t(`office:nav.${section.key}`),
        roles: [...section.roles],
      })),
    },
  ];

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      {/* A new page opens at the top; back and forward return to where the reader was. */}
      <ScrollRestoration />
      <a href="#main" className={classes.skip}>
        {t('common:skipToContent')}
      </a>
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('common:nav.menu')}
            />
            <UnstyledButton component={Link} to="/mot-cua" className={classes.brand}>
              <img src="/favicon.svg" alt="" width={28} height={28} />
              <Text fw={700} size="sm">
                {t('common:officeName')}
              </Text>
            </UnstyledButton>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <Text size="sm" visibleFrom="sm" truncate maw={220}>
              {user?.fullName}
            </Text>
            <Button size="xs" variant="default" onClick={() => void logout().then(() => navigate('/'))}>
              {t('common:nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('common:nav.office')}>
        <ScrollArea>
          <Stack gap="md">
            {groups.map((group) => {
              const items = group.items.filter((item) => hasRole(...item.roles));
              if (items.length === 0) return null;
              return (
                <Stack gap={2} key={group.title}>
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="xs">
                    {group.title}
                  </Text>
                  {items.map((item) => (
                    <NavLink key={item.to} to={item.to} className={classes.link} onClick={close}>
                      {item.label}
                    </NavLink>
                  ))}
                </Stack>
              );
            })}
            <NavLink to="/" className={classes.link}>
              {t('common:appName')}
            </NavLink>
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" component="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
