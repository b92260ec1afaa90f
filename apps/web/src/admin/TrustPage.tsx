/**
 * /quan-tri/chung-thu: the certificates the platform knows — officials' signing certificates and
 * agencies' seals, with their validity — the trust anchors to download, and registering a
 * certificate (the server validates its path: a refusal says why, in Vietnamese).
 */
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { Loading, PageTitle } from '../components/Page';
import { Paging } from '../components/Paging';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../lib/format';
import { useAllUnits } from './hooks';
import { RegisterCertificateModal, PURPOSES, type Purpose } from './RegisterCertificateModal';

const PAGE_SIZE = 20;
export const TRUST_KEY = ['trust', 'certificates'] as const;

/** The CN of a distinguished name, or the whole name. */
function commonName(dn: string): string {
  return /(?:^|,\s*)CN=([^,]+)/.exec(dn)?.[1] ?? dn;
}

export default function TrustPage() {
  const { t } = useTranslation('admin');
  const [purpose, setPurpose] = useState<Purpose | null>(null);
  const [page, setPage] = useState(1);
  const [registering, setRegistering] = useState(false);
  const units = useAllUnits();
  const unitName = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  const query = useQuery({
    queryKey: [...TRUST_KEY, { purpose, page }],
    queryFn: () =>
      call(
        api.GET('/api/trust/certificates', {
          params: { query: { ...(purpose ? { purpose } : {}), page, pageSize: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const pages = query.data ? Math.max(1, Math.ceil(query.data.total / PAGE_SIZE)) : 1;
  const now = Date.now();

  return (
    <Stack>
      <PageTitle>{t('trust.title')}</PageTitle>
      <Text>{t('trust.intro')}</Text>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('trust.purposeFilter')}
          placeholder={t('common.all')}
          clearable
          data={PURPOSES.map((value) => ({ value, label: t(`trust.purposes.${value}`) }))}
          value={purpose}
          onChange={(value) => {
            setPurpose(PURPOSES.find((p) => p === value) ?? null);
            setPage(1);
          }}
          style={{ flex: '0 1 260px' }}
        />
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setRegistering(true)}>
          {t('trust.register')}
        </Button>
        <Anchor href="/api/trust/anchors.pem" download="anchors.pem">
          <IconDownload size={16} aria-hidden style={{ verticalAlign: 'text-bottom' }} /> {t('trust.anchors')}
        </Anchor>
      </Group>
      <ProblemAlert error={query.error} />
      {query.isPending && <Loading />}
      {query.data && (
        <>
          <Text size="sm" aria-live="polite">
            {t('common.total', { count: query.data.total })}
          </Text>
          {query.data.items.length === 0 && <Text>{t('trust.none')}</Text>}
          <Table.ScrollContainer minWidth={720} hidden={query.data.items.length === 0}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('trust.subject')}</Table.Th>
                  <Table.Th>{t('trust.purpose')}</Table.Th>
                  <Table.Th>{t('trust.owner')}</Table.Th>
                  <Table.Th>{t('trust.validity')}</Table.Th>
                  <Table.Th>{t('trust.fingerprint')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((c) => {
                  const expired = new Date(c.notAfter).getTime() < now;
                  return (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        {commonName(c.subject)}
                        <Text size="xs" c="dimmed">
                          {t('trust.issuer', { issuer: commonName(c.issuer) })}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {t(`trust.purposes.${c.purpose}`)}{' '}
                        {c.source === 'demo' && (
                          <Badge size="xs" color="orange" variant="light">
                            DEMO
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {c.unitId
                          ? (unitName.get(c.unitId) ?? `#${c.unitId}`)
                          : c.userId
                            ? t('trust.user', { id: c.userId })
                            : '—'}
                      </Table.Td>
                      <Table.Td>
                        {formatDate(c.notBefore)} – {formatDate(c.notAfter)}{' '}
                        {expired && (
                          <Badge size="xs" color="red" variant="light">
                            {t('trust.expired')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace">
                          {c.fingerprintSha256.slice(0, 16)}…
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 && (
            <Paging
              total={pages}
              value={page}
              onChange={setPage}
              label={t('common.pagination')}
              siblings={1}
              boundaries={1}
            />
          )}
        </>
      )}
      <RegisterCertificateModal
        opened={registering}
        onClose={() => setRegistering(false)}
        units={units.data ?? []}
      />
    </Stack>
  );
}
