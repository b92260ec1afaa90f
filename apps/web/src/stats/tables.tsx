/**
 * The statistics as tables, the accessible form of every chart: a caption naming the table, the
 * period and the unit, column headers with scope, numbers right-aligned in Vietnamese format.
 */
import { Stack, Table, Text, VisuallyHidden, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT06_COLUMNS, type Report06Row } from '@tayninh/domain/stats/report-06';
import type { Figures, NamedFigures } from './figures';
import { monthLabel, num, pct, shortName } from './period';

const right = { ta: 'right' } as const;

/**
 * A table with its caption: the <caption> names it for assistive technologies; the same words are
 * shown above the scrolling area, so that they stay readable on a phone while the table scrolls.
 */
export function CaptionedTable({
  caption,
  minWidth,
  children,
  ...props
}: { caption: string; minWidth: number; children: ReactNode } & TableProps) {
  return (
    <Stack gap={4}>
      <Text fw={500} size="sm" aria-hidden>
        {caption}
      </Text>
      {/* Focusable, so that a keyboard can scroll a table wider than the screen. */}
      <Table.ScrollContainer
        minWidth={minWidth}
        type="native"
        tabIndex={0}
        role="region"
        aria-label={caption}
      >
        <Table captionSide="top" verticalSpacing={6} {...props}>
          <Table.Caption>
            <VisuallyHidden>{caption}</VisuallyHidden>
          </Table.Caption>
          {children}
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function FigureCells({ row }: { row: Figures }) {
  return (
    <>
      <Table.Td {...right}>{num(row.received)}</Table.Td>
      <Table.Td {...right}>{num(row.receivedOnline)}</Table.Td>
      <Table.Td {...right}>{pct(row.onlineShare)}</Table.Td>
      <Table.Td {...right}>{num(row.resolved)}</Table.Td>
      <Table.Td {...right}>{num(row.resolvedOnTime)}</Table.Td>
      <Table.Td {...right}>{num(row.resolvedLate)}</Table.Td>
      <Table.Td {...right}>{pct(row.onTimeRate)}</Table.Td>
    </>
  );
}

function FigureHeaders({ first }: { first: string }) {
  const { t } = useTranslation('stats');
  return (
    <Table.Tr>
      <Table.Th scope="col">{first}</Table.Th>
      {[
        t('measures.receivedShort'),
        t('measures.online'),
        t('measures.onlineShare'),
        t('measures.resolved'),
        t('measures.onTime'),
        t('measures.late'),
        t('measures.onTimeRate'),
      ].map((label) => (
        <Table.Th key={label} scope="col" {...right}>
          {label}
        </Table.Th>
      ))}
    </Table.Tr>
  );
}

/** One row per agency, with the total in the footer. */
export function AgencyTable({
  rows,
  total,
  caption,
  totalLabel,
}: {
  rows: NamedFigures[];
  total: Figures;
  caption: string;
  totalLabel?: string;
}) {
  const { t } = useTranslation('stats');
  return (
    <CaptionedTable caption={caption} minWidth={760} striped highlightOnHover>
      <Table.Thead>
        <FigureHeaders first={t('measures.agency')} />
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.key}>
            <Table.Th scope="row" fw={400}>
              {shortName(row.name)}
            </Table.Th>
            <FigureCells row={row} />
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr fw={700}>
          <Table.Th scope="row">{totalLabel ?? t('measures.total')}</Table.Th>
          <FigureCells row={total} />
        </Table.Tr>
      </Table.Tfoot>
    </CaptionedTable>
  );
}

/** One row per month. */
export function MonthTable({
  months,
  total,
  caption,
}: {
  months: Array<{ month: string } & Figures>;
  total: Figures;
  caption: string;
}) {
  const { t } = useTranslation('stats');
  return (
    <CaptionedTable caption={caption} minWidth={680} striped>
      <Table.Thead>
        <FigureHeaders first={t('measures.month')} />
      </Table.Thead>
      <Table.Tbody>
        {months.map((month) => (
          <Table.Tr key={month.month}>
            <Table.Th scope="row" fw={400}>
              {monthLabel(month.month)}
            </Table.Th>
            <FigureCells row={month} />
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr fw={700}>
          <Table.Th scope="row">{t('measures.total')}</Table.Th>
          <FigureCells row={total} />
        </Table.Tr>
      </Table.Tfoot>
    </CaptionedTable>
  );
}

/**
 * Biểu 06/VPCP/KSTT as the form lays it out: received (total; in the period online / at the
 * counter or by post; carried over), resolved (total; early, on time, late), in progress (total;
 * within time, overdue), withdrawn or stopped — with the form's column numbers.
 */
export function Report06Table({
  rows,
  total,
  caption,
}: {
  rows: Array<{ key: number; name: string } & Report06Row>;
  total: Report06Row;
  caption: string;
}) {
  const { t } = useTranslation('stats');
  const th = (label: string, span: { rowSpan?: number; colSpan?: number } = {}, scope = 'col') => (
    <Table.Th
      scope={span.colSpan ? 'colgroup' : scope}
      ta="center"
      style={{ verticalAlign: 'middle' }}
      {...span}
    >
      {label}
    </Table.Th>
  );
  return (
    <CaptionedTable
      caption={caption}
      minWidth={1080}
      withTableBorder
      withColumnBorders
      verticalSpacing={6}
      fz="sm"
    >
      <Table.Thead>
        <Table.Tr>
          {th('STT', { rowSpan: 3 })}
          {th(t('report06.unit'), { rowSpan: 3 })}
          {th(t('report06.received'), { colSpan: 4 })}
          {th(t('report06.resolved'), { colSpan: 4 })}
          {th(t('report06.inProgress'), { colSpan: 3 })}
          {th(t('report06.withdrawn'), { rowSpan: 3 })}
        </Table.Tr>
        <Table.Tr>
          {th(t('report06.receivedTotal'), { rowSpan: 2 })}
          {th(t('report06.receivedInPeriod'), { colSpan: 2 })}
          {th(t('report06.carriedOver'), { rowSpan: 2 })}
          {th(t('report06.resolvedTotal'), { rowSpan: 2 })}
          {th(t('report06.early'), { rowSpan: 2 })}
          {th(t('report06.onTime'), { rowSpan: 2 })}
          {th(t('report06.late'), { rowSpan: 2 })}
          {th(t('report06.inProgressTotal'), { rowSpan: 2 })}
          {th(t('report06.within'), { rowSpan: 2 })}
          {th(t('report06.overdue'), { rowSpan: 2 })}
        </Table.Tr>
        <Table.Tr>
          {th(t('report06.online'))}
          {th(t('report06.counterOrPost'))}
        </Table.Tr>
        <Table.Tr aria-hidden>
          {Array.from({ length: 14 }, (_, index) => (
            <Table.Td key={index} ta="center" c="gray.7" fz="xs">
              ({index + 1})
            </Table.Td>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row, index) => (
          <Table.Tr key={row.key}>
            <Table.Td ta="center">{index + 1}</Table.Td>
            <Table.Th scope="row" fw={400}>
              {row.name}
            </Table.Th>
            {REPORT06_COLUMNS.map((column) => (
              <Table.Td key={column} {...right}>
                {num(row[column])}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr fw={700}>
          <Table.Td />
          <Table.Th scope="row">{t('report06.total')}</Table.Th>
          {REPORT06_COLUMNS.map((column) => (
            <Table.Td key={column} {...right}>
              {num(total[column])}
            </Table.Td>
          ))}
        </Table.Tr>
      </Table.Tfoot>
    </CaptionedTable>
  );
}
