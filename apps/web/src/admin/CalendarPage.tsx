/** /quan-tri/lich: a year's holidays and worked days as a list and a month calendar; office hours. */
import { Alert, Button, Grid, Group, Paper, SimpleGrid, Spoiler, Stack, Text, Title } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextBadge } from './shared';
import { api, call } from '../api/client';
import { useAuth } from '../auth/auth';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { todayIso } from '../lib/format';
import { putDay, removeDay, type SpecialDay, type YearSchedule } from './calendar-days';
import { AdminDates } from './dates';
import { DayFormModal } from './DayFormModal';
import { HolidayList } from './HolidayList';
import { HolidayMonth } from './HolidayMonth';
import { OfficeHoursCard } from './OfficeHoursCard';
import { CALENDAR_KEY, SaveYearModal } from './SaveYearModal';

type DayDialog = { editing: SpecialDay | null; date: string | null } | null;

export default function CalendarPage() {
  const { t } = useTranslation('admin');
  const { hasRole } = useAuth();
  const canEdit = hasRole('system_admin');
  const [year, setYear] = useState(() => Number(todayIso().slice(0, 4)));
  const [draft, setDraft] = useState<SpecialDay[] | null>(null);
  const [dayDialog, setDayDialog] = useState<DayDialog>(null);
  const [saving, setSaving] = useState(false);
  const query = useQuery({
    queryKey: [...CALENDAR_KEY, 'year', year],
    queryFn: () => call(api.GET('/api/calendar/holidays', { params: { query: { year } } })),
  });
  const schedule: YearSchedule | undefined = query.data;
  const days = draft ?? schedule?.days ?? [];
  const changeYear = (next: number) => {
    setYear(next);
    setDraft(null);
  };
  const pick = (date: string) => {
    const existing = days.find((day) => day.date === date) ?? null;
    if (canEdit) setDayDialog({ editing: existing, date });
  };

  return (
    <AdminDates>
      <Stack>
        <PageTitle>{t('calendar.title')}</PageTitle>
        <Group gap="xs" role="group" aria-label={t('calendar.year')}>
          <Button
            variant="default"
            leftSection={<IconChevronLeft size={16} aria-hidden />}
            onClick={() => changeYear(year - 1)}
            disabled={draft !== null}
          >
            {t('calendar.previousYear')}
          </Button>
          <Text fw={700} size="lg" aria-live="polite" px="sm">
            {t('calendar.year')} {year}
          </Text>
          <Button
            variant="default"
            rightSection={<IconChevronRight size={16} aria-hidden />}
            onClick={() => changeYear(year + 1)}
            disabled={draft !== null}
          >
            {t('calendar.nextYear')}
          </Button>
        </Group>
        {query.isPending && <Loading />}
        <ProblemAlert error={query.error} />
        {schedule && (
          <>
            <Group gap="xs">
              <Text size="sm">{t('calendar.statusLabel', { year })}:</Text>
              <TextBadge
                color={schedule.status === 'official' ? 'green' : 'yellow'}
                variant="light"
                tt="none"
              >
                {t(`calendar.status.${schedule.status}`)}
              </TextBadge>
            </Group>
            {schedule.source && (
              <Spoiler maxHeight={44} showLabel={t('calendar.showMore')} hideLabel={t('calendar.showLess')}>
                <Text size="sm" c="dimmed">
                  {t('calendar.source')}: {schedule.source}
                </Text>
              </Spoiler>
            )}
            {schedule.status === 'default' && (
              <Alert color="blue" variant="light">
                {t('calendar.defaultNote')}
              </Alert>
            )}
            {draft !== null && (
              <Alert color="orange" variant="light" role="status">
                <Group justify="space-between" gap="xs">
                  <Text size="sm">{t('calendar.unsaved')}</Text>
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => setDraft(null)}>
                      {t('calendar.discard')}
                    </Button>
                    <Button size="xs" onClick={() => setSaving(true)}>
                      {t('calendar.save', { year })}
                    </Button>
                  </Group>
                </Group>
              </Alert>
            )}
            <Grid gap="lg">
              <Grid.Col span={{ base: 12, xl: 7 }}>
                <Stack gap="sm" component="section" aria-labelledby="holiday-list-title">
                  <Group justify="space-between">
                    <Title order={2} size="h4" id="holiday-list-title">
                      {t('calendar.listTitle', { year })}
                    </Title>
                    {canEdit && (
                      <Button
                        size="sm"
                        leftSection={<IconPlus size={16} aria-hidden />}
                        onClick={() => setDayDialog({ editing: null, date: null })}
                      >
                        {t('calendar.addDay')}
                      </Button>
                    )}
                  </Group>
                  <HolidayList
                    days={days}
                    canEdit={canEdit}
                    onEdit={(day) => setDayDialog({ editing: day, date: day.date })}
                    onRemove={(date) => setDraft(removeDay(days, date))}
                  />
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, xl: 5 }}>
                <SimpleGrid cols={{ base: 1, md: 2, xl: 1 }} spacing="lg">
                  <Paper withBorder p="md" component="section" aria-labelledby="month-title">
                    <Stack gap="sm">
                      <Title order={2} size="h4" id="month-title">
                        {t('calendar.monthTitle')}
                      </Title>
                      <HolidayMonth year={year} days={days} onPick={pick} />
                    </Stack>
                  </Paper>
                  <OfficeHoursCard canEdit={canEdit} />
                </SimpleGrid>
              </Grid.Col>
            </Grid>
            <DayFormModal
              opened={dayDialog !== null}
              onClose={() => setDayDialog(null)}
              year={year}
              days={days}
              editing={dayDialog?.editing ?? null}
              initialDate={dayDialog?.date ?? null}
              onApply={(day, editing) => setDraft(putDay(days, day, editing))}
            />
            <SaveYearModal
              opened={saving}
              onClose={() => setSaving(false)}
              schedule={schedule}
              days={days}
              onSaved={() => setDraft(null)}
            />
          </>
        )}
      </Stack>
    </AdminDates>
  );
}
