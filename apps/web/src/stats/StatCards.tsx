/** Key figures as cards: a label, the value in large type and a line that explains it. */
import { Card, SimpleGrid, Text } from '@mantine/core';

export interface Stat {
  label: string;
  value: string;
  hint?: string;
}

export function StatCards({ stats, label }: { stats: Stat[]; label: string }) {
  return (
    <SimpleGrid
      cols={{ base: 2, sm: Math.min(stats.length, 4), lg: stats.length }}
      spacing="sm"
      role="list"
      aria-label={label}
    >
      {stats.map((stat) => (
        <Card key={stat.label} withBorder padding="md" radius="md" role="listitem">
          <Text size="sm" c="gray.7" fw={500}>
            {stat.label}
          </Text>
          <Text fz={{ base: 22, sm: 28 }} fw={700} lh={1.3}>
            {stat.value}
          </Text>
          {stat.hint && (
            <Text size="xs" c="gray.7">
              {stat.hint}
            </Text>
          )}
        </Card>
      ))}
    </SimpleGrid>
  );
}
