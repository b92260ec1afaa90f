/** Ways to submit (online, counter, post), each with its time limit and fees. */
import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DURATION_UNITS, type ProcedureFormValues } from './procedure-form';
import { useProcedureLabels } from './useProcedureLabels';

export function ChannelsFields({ form }: { form: UseFormReturnType<ProcedureFormValues> }) {
  const { t } = useTranslation('admin');
  const labels = useProcedureLabels();
  const channelsError = form.errors.channels;
  return (
    <Stack gap="sm" component="section">
      <Title order={3} size="h4">
        {t('catalogue.editor.channelsTitle')}
      </Title>
      {channelsError && (
        <Text c="red.8" size="sm" role="alert">
          {channelsError}
        </Text>
      )}
      {form.values.channels.map((channel, index) => {
        const name = t(`catalogue.channels.${channel.channel}`);
        return (
          <Fieldset key={channel.channel} legend={name} p="sm">
            <Stack gap="sm">
              <Checkbox
                label={t('catalogue.editor.channelEnabled', { channel: name.toLowerCase() })}
                {...form.getInputProps(`channels.${index}.enabled`, { type: 'checkbox' })}
              />
              {channel.enabled && (
                <>
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <NumberInput
                      label={t('catalogue.editor.amount', { channel: name.toLowerCase() })}
                      description={t('catalogue.editor.amountHint')}
                      min={0}
                      max={1000}
                      step={0.5}
                      decimalScale={1}
                      decimalSeparator=","
                      allowNegative={false}
                      {...form.getInputProps(`channels.${index}.amount`)}
                    />
                    <Select
                      label={t('catalogue.editor.unit', { channel: name.toLowerCase() })}
                      allowDeselect={false}
                      data={DURATION_UNITS.map((unit) => ({ value: unit, label: labels.unit(unit) }))}
                      {...form.getInputProps(`channels.${index}.unit`)}
                    />
                  </SimpleGrid>
                  <Text size="sm" fw={600}>
                    {t('catalogue.editor.fees', { channel: name.toLowerCase() })}
                  </Text>
                  {channel.fees.map((_, feeIndex) => (
                    <Group key={feeIndex} align="flex-end" gap="xs" wrap="wrap">
                      <TextInput
                        label={t('catalogue.editor.feeName')}
                        required
                        style={{ flex: '2 1 200px' }}
                        {...form.getInputProps(`channels.${index}.fees.${feeIndex}.name`)}
                      />
                      <NumberInput
                        label={t('catalogue.editor.feeAmount')}
                        description={t('catalogue.editor.feeAmountHint')}
                        min={0}
                        allowNegative={false}
                        allowDecimal={false}
                        thousandSeparator="."
                        decimalSeparator=","
                        style={{ flex: '1 1 140px' }}
                        {...form.getInputProps(`channels.${index}.fees.${feeIndex}.amount`)}
                      />
                      <TextInput
                        label={t('catalogue.editor.feeNote')}
                        style={{ flex: '2 1 200px' }}
                        {...form.getInputProps(`channels.${index}.fees.${feeIndex}.note`)}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        mb={2}
                        aria-label={t('catalogue.editor.removeFee', {
                          n: feeIndex + 1,
                          channel: name.toLowerCase(),
                        })}
                        onClick={() => form.removeListItem(`channels.${index}.fees`, feeIndex)}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Group>
                  ))}
                  <Group>
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconPlus size={14} aria-hidden />}
                      onClick={() =>
                        form.insertListItem(`channels.${index}.fees`, { name: '', amount: '', note: '' })
                      }
                    >
                      {t('catalogue.editor.addFee')}
                    </Button>
                  </Group>
                </>
              )}
            </Stack>
          </Fieldset>
        );
      })}
    </Stack>
  );
}
