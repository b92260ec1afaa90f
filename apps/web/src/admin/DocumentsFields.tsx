/** The documents a dossier must contain: name, originals, copies, required or not. */
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Stack,
  Textarea,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { freeDocumentCode, type ProcedureFormValues } from './procedure-form';

export function DocumentsFields({ form }: { form: UseFormReturnType<ProcedureFormValues> }) {
  const { t } = useTranslation('admin');
  return (
    <Stack gap="sm" component="section">
      <Title order={3} size="h4">
        {t('catalogue.editor.documentsTitle')}
      </Title>
      {form.values.documents.map((doc, index) => (
        <Paper withBorder p="sm" key={doc.code || index}>
          <Stack gap="xs">
            <Group align="flex-start" gap="xs" wrap="nowrap">
              <Textarea
                label={t('catalogue.editor.documentName', { n: index + 1 })}
                required
                autosize
                style={{ flex: 1 }}
                {...form.getInputProps(`documents.${index}.name`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mt={24}
                aria-label={t('catalogue.editor.removeDocument', { n: index + 1 })}
                onClick={() => form.removeListItem('documents', index)}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
            <Group gap="sm" align="flex-end">
              <NumberInput
                label={t('catalogue.editor.originals')}
                min={0}
                max={20}
                allowDecimal={false}
                allowNegative={false}
                w={130}
                {...form.getInputProps(`documents.${index}.originals`)}
              />
              <NumberInput
                label={t('catalogue.editor.copies')}
                min={0}
                max={20}
                allowDecimal={false}
                allowNegative={false}
                w={130}
                {...form.getInputProps(`documents.${index}.copies`)}
              />
              <Checkbox
                mb={8}
                label={t('catalogue.editor.requiredDoc')}
                {...form.getInputProps(`documents.${index}.required`, { type: 'checkbox' })}
              />
            </Group>
          </Stack>
        </Paper>
      ))}
      <Group>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() =>
            form.insertListItem('documents', {
              code: freeDocumentCode(form.values.documents),
              name: '',
              originals: 1,
              copies: 0,
              required: true,
              templateUrl: null,
            })
          }
        >
          {t('catalogue.editor.addDocument')}
        </Button>
      </Group>
    </Stack>
  );
}
