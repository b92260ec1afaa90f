/**
 * The electronic evidence of the dossier's history, for its applicant: each step they can see,
 * with its hash and whether it is sealed in the latest signed checkpoint — the inclusion proof
 * checked here, in the browser, and downloadable to check again with openssl alone
 * (docs/EVIDENCE.md).
 */
import { Anchor, Badge, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { formatDateTime } from '../../lib/format';
import { verifyInclusionProof } from '../../lib/merkle-verify';

type DossierEvidence =
  paths['/api/evidence/dossiers/{code}']['get']['responses'][200]['content']['application/json'];

async function loadEvidence(code: string) {
  const evidence: DossierEvidence = await call(
    api.GET('/api/evidence/dossiers/{code}', { params: { path: { code } } }),
  );
  // WebCrypto exists only in a secure context (HTTPS, or localhost): elsewhere the proofs are
  // shown unchecked, to be checked from the downloaded file.
  const canCheck = typeof crypto !== 'undefined' && crypto.subtle !== undefined;
  const checked = await Promise.all(
    evidence.actions.map(async (action) =>
      action.proof && canCheck ? verifyInclusionProof(action.proof) : null,
    ),
  );
  return { evidence, checked };
}

function proofHref(proof: unknown): string {
  return `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(proof, null, 2))}`;
}

export function Evidence({ code }: { code: string }) {
  const { t } = useTranslation('portal');
  const query = useQuery({ queryKey: ['evidence', code], queryFn: () => loadEvidence(code) });
  if (!query.data) return null;
  const { evidence, checked } = query.data;
  const short = (hash: string) => `${hash.slice(0, 12)}…`;
  return (
    <Stack gap="xs" component="section" aria-labelledby="chung-cu">
      <Title order={2} size="h3" id="chung-cu">
        {t('evidence.title')}
      </Title>
      <Text size="sm">{t('evidence.intro')}</Text>
      {evidence.checkpoint ? (
        <Text size="sm">
          {t('evidence.checkpoint', {
            checkpoint: evidence.checkpoint.checkpoint,
            size: evidence.checkpoint.treeSize,
            at: formatDateTime(evidence.checkpoint.sealedAt),
          })}{' '}
          <Code>{short(evidence.checkpoint.rootHash)}</Code>
        </Text>
      ) : (
        <Text size="sm">{t('evidence.noCheckpoint')}</Text>
      )}
      <Table.ScrollContainer minWidth={480}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('evidence.step')}</Table.Th>
              <Table.Th>{t('evidence.hash')}</Table.Th>
              <Table.Th>{t('evidence.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {evidence.actions.map((action, i) => (
              <Table.Tr key={action.actionId}>
                <Table.Td>
                  {action.seq}. {t(`events.${action.type as 'submitted'}`, { defaultValue: action.type })}
                  <Text size="xs" c="dimmed">
                    {formatDateTime(action.at)}
                  </Text>
                </Table.Td>
                <Table.Td>{action.entryHash ? <Code>{short(action.entryHash)}</Code> : '—'}</Table.Td>
                <Table.Td>
                  {action.proof ? (
                    <Group gap={6}>
                      <Badge color={checked[i] === false ? 'red' : 'green'} variant="light">
                        {checked[i] === null
                          ? t('evidence.sealed')
                          : checked[i]
                            ? t('evidence.verified')
                            : t('evidence.failed')}
                      </Badge>
                      <Anchor
                        size="sm"
                        href={proofHref(action.proof)}
                        download={`bang-chung-${code}-${action.seq}.json`}
                      >
                        {t('evidence.download')}
                      </Anchor>
                    </Group>
                  ) : (
                    <Badge color="gray" variant="light">
                      {t('evidence.waiting')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
