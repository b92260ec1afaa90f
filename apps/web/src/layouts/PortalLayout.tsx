/**
 * The citizens' portal: header with the main links, content, footer. Works from 375 px up. The
 * header stays one line: the links and the account never wrap (the links show from 1200 px, in the
 * menu below that), and the name of the portal gives way instead (at 1280 px with a citizen or an
 * officer signed in, the links used to wrap onto a second line below the header).
 */
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
import { Link, NavLink, Outlet, ScrollRestoration, useNavigate } from 'react-router';
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
  const logoutAndLeave = () => void logout().then(() => navigate('/'));
  const account = user ? (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" fw={500} truncate maw={180}>
        {user.fullName}
      </Text>
      <Button size="xs" variant="default" onClick={logoutAndLeave}>
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
      navbar={{ width: 260, breakpoint: 'lg', collapsed: { desktop: true, mobile: !opened } }}
      padding={0}
    >
      {/* A new page opens at the top; back and forward return to where the reader was. */}
      <ScrollRestoration />
      <a href="#main" className={classes.skip}>
        {t('skipToContent')}
      </a>
      <AppShell.Header className={classes.header}>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap" miw={0}>
              <Burger opened={opened} onClick={toggle} hiddenFrom="lg" size="sm" aria-label={t('nav.menu')} />
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
            <Group
              gap={4}
              wrap="nowrap"
              visibleFrom="lg"
              component="nav"
              aria-label={t('nav.home')}
              className={classes.fixed}
            >
              {nav}
            </Group>
            <Group gap="xs" wrap="nowrap" className={classes.fixed}>
              <LanguageSwitch />
              <Group visibleFrom="sm" wrap="nowrap">
                {account}
              </Group>
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
