/** One line of a document's metadata: its label and its value, as a term and its description. */
import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" align="baseline" wrap="nowrap" mb={6}>
      <Text component="dt" size="sm" fw={700} miw={150}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </Group>
  );
}
