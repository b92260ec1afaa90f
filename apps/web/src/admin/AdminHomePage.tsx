/** /quan-tri: the administration's home — the sections this user may open, each with what it is for. */
import { Anchor, Card, SimpleGrid, Stack, Text } from '@mantine/core';
import {
  IconBuildingCommunity,
  IconCalendar,
  IconCertificate,
  IconListDetails,
  IconUsers,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/auth';
import { PageTitle } from '../components/Page';
import { adminSectionsFor } from './sections';

const ICONS = {
  units: IconBuildingCommunity,
  users: IconUsers,
  catalogue: IconListDetails,
  calendar: IconCalendar,
  trust: IconCertificate,
} as const;

export default function AdminHomePage() {
  const { t } = useTranslation('admin');
  const { user } = useAuth();
  const sections = adminSectionsFor((user?.roles ?? []).map((grant) => grant.role));
  return (
    <Stack gap="lg">
      <PageTitle>{t('home.title')}</PageTitle>
      {sections.length === 0 ? (
        <Text>{t('home.none')}</Text>
      ) : (
        <>
          <Text>{t('home.intro')}</Text>
          <SimpleGrid
            cols={{ base: 1, sm: 2 }}
            spacing="md"
            component="ul"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
          >
            {sections.map((section) => {
              const Icon = ICONS[section.key];
              return (
                <Card key={section.key} component="li" withBorder padding="md">
                  <Stack gap={6}>
                    <Anchor component={Link} to={section.path} fw={700} size="lg">
                      <Icon size={20} aria-hidden style={{ verticalAlign: 'text-bottom', marginRight: 6 }} />
                      {t(`${section.key}.title`)}
                    </Anchor>
                    <Text size="sm">{t(`home.hints.${section.key}`)}</Text>
                  </Stack>
                </Card>
              );
            })}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
