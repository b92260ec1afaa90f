/**
 * The counter's checklist of documents: the documents of the procedure that apply to the chosen
 * case and channel (the same rule as the citizen's wizard and the server), each ticked when
 * brought, with an optional scan. Required documents not ticked are listed as missing: the
 * officer then asks for a supplement rather than accept (NĐ 61/2018, one notice listing all).
 */
import { Alert, Checkbox, FileInput, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { documentChecklist, missingRequired, type Channel } from '@tayninh/domain/dossiers/documents';
import type { ProcedureDocument } from './logic';

interface Props {
  documents: readonly ProcedureDocument[];
  cases: readonly string[];
  channel: Channel;
  received: ReadonlySet<string>;
  onReceived: (received: Set<string>) => void;
  scans: Record<string, File | null>;
  onScan: (code: string, file: File | null) => void;
}

export function IntakeDocuments({ documents, cases, channel, received, onReceived, scans, onScan }: Props) {
  const { t } = useTranslation('office');
  const checklist = documentChecklist(documents, { cases, channel }, received);
  const missing = missingRequired(checklist);
  return (
    <>
      <Text size="sm" c="dimmed">
        {t('intake.documentsHint')}
      </Text>
      <Stack gap="md">
        {checklist.map(({ document: doc, required }) => (
          <div key={doc.code}>
            <Checkbox
              label={doc.name}
              description={[
                t('intake.copies', { originals: doc.originals, copies: doc.copies }),
                required ? t('intake.requiredDoc') : t('intake.optionalDoc'),
                doc.note,
              ]
                .filter(Boolean)
                .join(' · ')}
              checked={received.has(doc.code)}
              onChange={(event) => {
                const next = new Set(received);
                if (event.currentTarget.checked) next.add(doc.code);
                else next.delete(doc.code);
                onReceived(next);
              }}
            />
            <FileInput
              ml={32}
              mt={4}
              maw={420}
              size="xs"
              label={t('intake.scan', { name: doc.name })}
              placeholder={t('intake.scanPlaceholder')}
              accept="application/pdf,image/jpeg,image/png"
              clearable
              value={scans[doc.code] ?? null}
              onChange={(file) => onScan(doc.code, file)}
            />
          </div>
        ))}
      </Stack>
      {missing.length > 0 && (
        <Alert color="orange" variant="light" role="status">
          {t('intake.missing', { count: missing.length })}
        </Alert>
      )}
    </>
  );
}
