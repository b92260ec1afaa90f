/** The confirmation after an online submission: the code, when to expect the result, what next. */
import { Alert, Anchor, Button, CopyButton, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { RequireAuth } from '../components/RequireAuth';
import { formatDate, formatDateTime } from '../lib/format';
import { useDossier, useProcedure } from './hooks';
import { durationText } from './procedure/DurationText';

export default function SubmittedPage() {
  return (
    <RequireAuth>
      <Submitted />
    </RequireAuth>
  );
}

function Submitted() {
  const { code } = useParams();
  const { t } = useTranslation(['portal', 'common']);
  const dossier = useDossier(code);
  const procedure = useProcedure(dossier.data?.procedureCode);
  if (dossier.isPending) return <Loading />;
  if (dossier.error) return <ProblemAlert error={dossier.error} />;
  const data = dossier.data;
  const online = procedure.data?.channels.find((channel) => channel.channel === data.channel);
  const duration = online?.duration ?? null;

  return (
    <Stack gap="lg" maw={760}>
      <PageTitle>{t('submitted.title')}</PageTitle>
      <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
        {t('submitted.success')}
      </Alert>
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="ma-ho-so-nhan">
        <Text id="ma-ho-so-nhan" size="sm" c="dimmed">
          {t('submitted.code')}
        </Text>
        <Group gap="sm" align="center">
          <Text
            component="p"
            m={0}
            fz={{ base: 20, sm: 28 }}
            fw={700}
            ff="monospace"
            data-testid="dossier-code"
            aria-describedby="ma-ho-so-nhan"
            style={{ wordBreak: 'break-all' }}
          >
            {data.code}
          </Text>
          <CopyButton value={data.code}>
            {({ copied, copy }) => (
              <Button variant="light" size="compact-sm" onClick={copy}>
                {copied ? t('submitted.copied') : t('submitted.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="sm" mt="xs">
          {t('submitted.keepCode')}
        </Text>
        <Stack gap={6} mt="md" component="dl">
          <div>
            <Text component="dt" size="sm" c="dimmed">
              {t('submitted.procedure')}
            </Text>
            <Text component="dd" m={0}>
              {procedure.data?.name ?? data.procedureCode}
            </Text>
          </div>
          <div>
            <Text component="dt" size="sm" c="dimmed">
              {t('submitted.submittedAt')}
            </Text>
            <Text component="dd" m={0}>
              {formatDateTime(data.submittedAt)}
            </Text>
          </div>
          <div>
            <Text component="dt" size="sm" c="dimmed">
              {t('submitted.receivingUnit')}
            </Text>
            <Text component="dd" m={0}>
              {data.receivingUnit.name}
            </Text>
          </div>
          {data.resultDelivery && (
            <div>
              <Text component="dt" size="sm" c="dimmed">
                {t('common:delivery.title')}
              </Text>
              <Text component="dd" m={0}>
                {t(`common:delivery.${data.resultDelivery.method}`)}
                {data.resultDelivery.address ? ` — ${data.resultDelivery.address}` : ''}
              </Text>
            </div>
          )}
          {data.dueAt && (
            <div>
              <Text component="dt" size="sm" c="dimmed">
                {t('submitted.appointment')}
              </Text>
              <Text component="dd" m={0} fw={700}>
                {formatDate(data.dueAt)}
              </Text>
            </div>
          )}
        </Stack>
        {!data.dueAt && (
          <Text mt="md">
            {duration
              ? t('submitted.expected', { duration: durationText(duration) })
              : t('submitted.expectedUnknown')}
          </Text>
        )}
      </Paper>

      <Stack gap="xs" component="section" aria-labelledby="buoc-tiep-theo">
        <Title order={2} size="h3" id="buoc-tiep-theo">
          {t('submitted.next')}
        </Title>
        <List type="ordered" spacing="xs">
          <List.Item>{t('submitted.next1')}</List.Item>
          <List.Item>{t('submitted.next2')}</List.Item>
          <List.Item>{t('submitted.next3')}</List.Item>
          <List.Item>{t('submitted.next4')}</List.Item>
        </List>
      </Stack>

      <Group gap="sm">
        <Button component={Link} to={`/ho-so-cua-toi/${data.code}`}>
          {t('submitted.track')}
        </Button>
        <Button component={Link} to={`/tra-cuu/${data.code}`} variant="default">
          {t('submitted.lookup')}
        </Button>
      </Group>
      {data.receivedAt ? (
        <Anchor href={`/api/dossiers/${data.code}/slips/receipt.pdf`} target="_blank" rel="noopener">
          <IconDownload size={16} aria-hidden /> {t('submitted.receipt')}
        </Anchor>
      ) : (
        <Text size="sm" c="dimmed">
          {t('submitted.receiptLater')}
        </Text>
      )}
    </Stack>
  );
}
