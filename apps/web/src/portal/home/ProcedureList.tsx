import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export interface ProcedureSummary {
  code: string;
  name: string;
  field: { name: string };
  implementingAgency: string;
  channels: Array<{ channel: string }>;
  submissions?: number;
}

/** Procedures as a list of links with their code, field, agency and whether they are online. */
export function ProcedureList({
  items,
  showSubmissions = false,
}: {
  items: ProcedureSummary[];
  showSubmissions?: boolean;
}) {
  const { t } = useTranslation('portal');
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <Paper key={item.code} component="li" withBorder p="sm" radius="md">
          <Anchor component={Link} to={`/thu-tuc/${item.code}`} fw={600}>
            {item.name}
          </Anchor>
          <Group gap="xs" mt={4}>
            <Text size="sm" c="dimmed">
              {t('procedure.code')}: {item.code}
            </Text>
            {item.channels.some((channel) => channel.channel === 'online') && (
              <Badge variant="light" color="teal" radius="sm" tt="none">
                {t('procedure.onlineOffered')}
              </Badge>
            )}
          </Group>
          <Text size="sm">{item.field.name}</Text>
          <Text size="sm" c="dimmed" lineClamp={2}>
            {item.implementingAgency}
          </Text>
          {showSubmissions && item.submissions !== undefined && item.submissions > 0 && (
            <Text size="xs" c="dimmed">
              {t('home.submissions', { count: item.submissions })}
            </Text>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
