/** A procedure as the catalogue publishes it, with the way to apply online where it is offered. */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconSend } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAuth } from '../auth/auth';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { VietnameseOnly } from '../components/VietnameseOnly';
import { formatDate, formatMoney } from '../lib/format';
import { offeredOnline, useProcedure, type Procedure } from './hooks';
import { DurationText } from './procedure/DurationText';

type OnlineClass = 'toan-trinh' | 'mot-phan' | 'khong';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function ApplyOnline({ procedure }: { procedure: Procedure }) {
  const { t } = useTranslation('portal');
  const { user } = useAuth();
  if (!offeredOnline(procedure))
    return (
      <Alert color="gray" variant="light">
        {t('procedure.notOnline')}
      </Alert>
    );
  const target = `/nop-ho-so/${procedure.code}`;
  return (
    <Stack gap={4} align="flex-start">
      <Button
        component={Link}
        to={user ? target : `/dang-nhap?next=${encodeURIComponent(target)}`}
        size="md"
        leftSection={<IconSend size={18} aria-hidden />}
      >
        {t('procedure.submitOnline')}
      </Button>
      {!user && (
        <Text size="sm" c="dimmed">
          {t('procedure.signInToSubmit')}
        </Text>
      )}
    </Stack>
  );
}

function Fees({ fees }: { fees: Procedure['channels'][number]['fees'] }) {
  const { t } = useTranslation('portal');
  if (fees.length === 0) return <>{t('procedure.noFees')}</>;
  return (
    <List size="sm" spacing={2}>
      {fees.map((fee, index) => (
        <List.Item key={index}>
          {fee.name}:{' '}
          <strong>
            {fee.amountVnd === null
              ? t('procedure.feeUnknown')
              : fee.amountVnd === 0
                ? t('procedure.free')
                : formatMoney(fee.amountVnd)}
          </strong>
          {fee.note && (
            <Text size="xs" c="dimmed">
              {fee.note}
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}

export default function ProcedurePage() {
  const { code } = useParams();
  const { t } = useTranslation('portal');
  const { t: common } = useTranslation();
  const query = useProcedure(code);
  if (query.isPending) return <Loading />;
  if (query.error) return <ProblemAlert error={query.error} />;
  const procedure = query.data;
  const onlineClass = procedure.onlineClass as OnlineClass | null;

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/" size="sm">
          {t('procedure.back')}
        </Anchor>
        <PageTitle>{procedure.name}</PageTitle>
        <Group gap="xs">
          <Badge variant="outline" radius="sm" tt="none">
            {t('procedure.code')}: {procedure.code}
          </Badge>
          {onlineClass && (
            <Badge variant="light" color={onlineClass === 'khong' ? 'gray' : 'teal'} radius="sm" tt="none">
              {t(`procedure.onlineClasses.${onlineClass}`)}
            </Badge>
          )}
        </Group>
      </div>
      <VietnameseOnly />
      <ApplyOnline procedure={procedure} />

      <Section id="general" title={t('procedure.general')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
          <Fact label={t('procedure.field')}>{procedure.field.name}</Fact>
          <Fact label={t('procedure.level')}>
            {procedure.levels
              .map((level) => t(`procedure.levels.${level as 'province'}`, { defaultValue: level }))
              .join(', ')}
          </Fact>
          <Fact label={t('procedure.agency')}>{procedure.implementingAgency}</Fact>
          <Fact label={t('procedure.handlingUnit')}>
            {procedure.handlingUnit?.name ?? t('procedure.handlingCommune')}
          </Fact>
          <Fact label={t('procedure.onlineLevel')}>
            {procedure.onlineLevel
              ? t('procedure.onlineLevelN', { level: procedure.onlineLevel })
              : offeredOnline(procedure)
                ? t('procedure.onlineOffered')
                : t('procedure.onlineClasses.khong')}
          </Fact>
          <Fact label={t('procedure.result')}>{procedure.result}</Fact>
        </SimpleGrid>
      </Section>

      <Section id="documents" title={t('procedure.documents')}>
        {procedure.documents.length === 0 ? (
          <Text>{t('procedure.noDocuments')}</Text>
        ) : (
          <>
            <Text size="sm">{t('procedure.documentsIntro')}</Text>
            <Stack gap="xs" component="ol" m={0} pl="lg">
              {procedure.documents.map((document) => (
                <li key={document.code}>
                  <Text>{document.name}</Text>
                  <Group gap="sm">
                    <Text size="sm" c="dimmed">
                      {t('procedure.originals', { count: document.originals })}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t('procedure.copies', { count: document.copies })}
                    </Text>
                    {!document.required && (
                      <Text size="sm" c="dimmed">
                        ({t('procedure.optional')})
                      </Text>
                    )}
                    {document.templateUrl && (
                      <Anchor href={document.templateUrl} size="sm" target="_blank" rel="noopener">
                        <IconDownload size={14} aria-hidden /> {t('procedure.template')}
                      </Anchor>
                    )}
                  </Group>
                </li>
              ))}
            </Stack>
          </>
        )}
      </Section>

      <Section id="time-fees" title={t('procedure.timeAndFees')}>
        <SimpleGrid cols={{ base: 1, md: procedure.channels.length }} spacing="sm">
          {procedure.channels.map((channel) => (
            <Paper key={channel.channel} withBorder p="sm" radius="md">
              <Title order={3} size="h5">
                {common(`channel.${channel.channel as 'online'}`, { defaultValue: channel.channel })}
              </Title>
              <Text size="sm" mt={4}>
                {t('procedure.duration')}: <DurationText duration={channel.duration} />
              </Text>
              <Text size="sm" mt={4}>
                {t('procedure.fees')}:
              </Text>
              <Fees fees={channel.fees} />
            </Paper>
          ))}
        </SimpleGrid>
      </Section>

      {procedure.legalBasis.length > 0 && (
        <Section id="legal" title={t('procedure.legalBasis')}>
          <List size="sm">
            {procedure.legalBasis.map((basis) => (
              <List.Item key={basis}>{basis}</List.Item>
            ))}
          </List>
        </Section>
      )}
      {/* The catalogue's published requirements; its editors' notes are never shown here. */}
      {procedure.requirements && (
        <Section id="requirements" title={t('procedure.requirements')}>
          <Text style={{ whiteSpace: 'pre-line' }}>{procedure.requirements}</Text>
        </Section>
      )}
      <Text size="xs" c="dimmed">
        {t('procedure.version', { version: procedure.version, date: formatDate(procedure.effectiveFrom) })}
      </Text>
      {offeredOnline(procedure) && <ApplyOnline procedure={procedure} />}
    </Stack>
  );
}
