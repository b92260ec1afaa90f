/** /quan-tri/don-vi: the administrative tree, a unit's details, create / edit / re-parent / close. */
import {
  Alert,
  Button,
  Group,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { todayIso } from '../lib/format';
import { CloseUnitModal } from './CloseUnitModal';
import { AdminDates } from './dates';
import { useAllUnits } from './hooks';
import { UnitDetails } from './UnitDetails';
import { UnitFormModal } from './UnitFormModal';
import { UnitTree } from './UnitTree';
import { buildTree, filterTree, isOpen, openOnly } from './units-tree';

type Dialog = { kind: 'create'; parentId: number | null } | { kind: 'edit' } | { kind: 'close' } | null;

export default function UnitsPage() {
  const { t } = useTranslation('admin');
  const { hasRole } = useAuth();
  const canManage = hasRole('system_admin');
  const units = useAllUnits();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 200);
  const [showClosed, setShowClosed] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const today = todayIso();

  const all = useMemo(() => units.data ?? [], [units.data]);
  const nodes = useMemo(() => {
    const tree = buildTree(all);
    return filterTree(showClosed ? tree : openOnly(tree, today), query);
  }, [all, showClosed, query, today]);
  const openCount = all.filter((unit) => isOpen(unit, today)).length;
  const selectedUnit = all.find((unit) => unit.id === selected);

  return (
    <AdminDates>
      <Stack>
        <PageTitle>{t('units.title')}</PageTitle>
        <Text c="dimmed" size="sm">
          {t('units.intro')}
        </Text>
        {!canManage && (
          <Alert color="blue" variant="light">
            {t('units.manageNote')}
          </Alert>
        )}
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('units.search')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            type="search"
            style={{ flex: '1 1 260px' }}
          />
          <Switch
            label={t('units.showClosed')}
            checked={showClosed}
            onChange={(event) => setShowClosed(event.currentTarget.checked)}
            mb={8}
          />
          {canManage && (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setDialog({ kind: 'create', parentId: null })}
            >
              {t('units.create')}
            </Button>
          )}
        </Group>
        {units.isPending && <Loading />}
        <ProblemAlert error={units.error} />
        {units.data && (
          <>
            <Text size="sm" aria-live="polite">
              {t('units.count', { open: openCount, closed: all.length - openCount })}
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <Paper withBorder p="xs">
                <ScrollArea.Autosize mah="70vh" type="auto">
                  {nodes.length === 0 ? (
                    <Text p="sm">{t('common.noResults')}</Text>
                  ) : (
                    <UnitTree
                      nodes={nodes}
                      selected={selected}
                      onSelect={setSelected}
                      expandAll={query.trim() !== ''}
                    />
                  )}
                </ScrollArea.Autosize>
              </Paper>
              {selected === null ? (
                <Text c="dimmed" size="sm">
                  {t('units.selectHint')}
                </Text>
              ) : (
                <UnitDetails
                  id={selected}
                  canManage={canManage}
                  onSelect={setSelected}
                  onEdit={() => setDialog({ kind: 'edit' })}
                  onAddChild={() => setDialog({ kind: 'create', parentId: selected })}
                  onClose={() => setDialog({ kind: 'close' })}
                />
              )}
            </SimpleGrid>
          </>
        )}
        <UnitFormModal
          opened={dialog?.kind === 'create' || dialog?.kind === 'edit'}
          onClose={() => setDialog(null)}
          units={all}
          unit={dialog?.kind === 'edit' ? selectedUnit : undefined}
          parentId={dialog?.kind === 'create' ? dialog.parentId : null}
          onSaved={(unit) => setSelected(unit.id)}
        />
        {selectedUnit && (
          <CloseUnitModal
            unit={selectedUnit}
            units={all}
            opened={dialog?.kind === 'close'}
            onClose={() => setDialog(null)}
          />
        )}
      </Stack>
    </AdminDates>
  );
}
