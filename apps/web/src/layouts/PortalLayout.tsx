/** The citizens' portal: header with the main links, content, footer. Works from 375 px up. */
import {
  Anchor,
  AppShell,
  Burger,
  Button,
  Container,
  Group,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth';
import { LanguageSwitch } from '../components/LanguageSwitch';
import classes from './layout.module.css';

export function PortalLayout() {
  const { t } = useTranslation();
  const { user, logout, isOfficer } = useAuth();
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure(false);
  const links = [
    { to: '/', label: t('nav.procedures'), end: true },
    { to: '/tra-cuu', label: t('nav.track') },
    { to: '/thong-ke', label: t('nav.stats') },
    ...(user && !isOfficer ? [{ to: '/ho-so-cua-toi', label: t('nav.myDossiers') }] : []),
    ...(isOfficer ? [{ to: '/mot-cua', label: t('nav.office') }] : []),
  ];
  const nav = links.map((link) => (
    <NavLink key={link.to} to={link.to} end={link.end} className={classes.link} onClick={close}>
      {link.label}
    </NavLink>
  ));
  const account = user ? (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" fw={500} truncate maw={180}>
        {user.fullName}
      </Text>
      <Button size="xs" variant="default" onClick={() => void logout().then(() => navigate('/'))}>
        {t('nav.logout')}
      </Button>
    </Group>
  ) : (
    <Button size="xs" component={Link} to="/dang-nhap" onClick={close}>
      {t('nav.login')}
    </Button>
  );

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 260, breakpoint: 'md', collapsed: { desktop: true, mobile: !opened } }}
      padding={0}
    >
      <a href="#main" className={classes.skip}>
        {t('skipToContent')}
      </a>
      <AppShell.Header className={classes.header}>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t('nav.menu')} />
              <UnstyledButton component={Link} to="/" className={classes.brand}>
                <img src="/favicon.svg" alt="" width={32} height={32} />
                <Stack gap={0}>
                  <Text fw={700} size="sm" lh={1.2}>
                    {t('appName')}
                  </Text>
                  <Text size="xs" c="dimmed" lh={1.2} visibleFrom="xs">
                    {t('province')}
                  </Text>
                </Stack>
              </UnstyledButton>
            </Group>
            <Group gap="xs" visibleFrom="md" component="nav" aria-label={t('nav.home')}>
              {nav}
            </Group>
            <Group gap="xs" wrap="nowrap">
              <LanguageSwitch />
              <Group visibleFrom="sm">{account}</Group>
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Navbar p="md" component="nav" aria-label={t('nav.menu')}>
        <Stack gap="xs">
          {nav}
          {account}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Container size="lg" py="lg">
          <Outlet />
        </Container>
        <Container size="lg" py="md" component="footer">
          <Text size="xs" c="dimmed">
            {t('footer')}{' '}
            <Anchor href="/api/docs" size="xs">
              API
            </Anchor>
          </Text>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
