/**
 * Biểu 06/VPCP/KSTT (TT 01/2020/TT-VPCP), the report of dossiers received and resolved: the row
 * of one unit, its columns in the form's order, the totals row, the column invariants, and the
 * figures the dashboards and the public page derive from a row (received in the period, on time,
 * the on-time rate and the online share). One definition for the server (the report, its Excel
 * file, the public statistics) and the web (the tables, the cards, the totals of a selection).
 * How a single dossier counts is the server's (apps/server/src/modules/stats/report-06.ts).
 */

/** One unit's row: columns (3)–(14) of the form. */
export interface Report06Row {
  /** (3) = (4) + (5) + (6) */
  received: number;
  /** (4) received during the period online */
  receivedOnline: number;
  /** (5) received during the period at the counter or by post */
  receivedCounterOrPost: number;
  /** (6) carried over from the previous period */
  carriedOver: number;
  /** (7) = (8) + (9) + (10) */
  resolved: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  /** (11) = (12) + (13) */
  inProgress: number;
  inProgressWithinTime: number;
  inProgressOverdue: number;
  /** (14) withdrawn or stopped during the period. */
  withdrawnOrStopped: number;
}

/** The figures in the order of columns (3)–(14). */
export const REPORT06_COLUMNS: ReadonlyArray<keyof Report06Row> = [
  'received',
  'receivedOnline',
  'receivedCounterOrPost',
  'carriedOver',
  'resolved',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'inProgress',
  'inProgressWithinTime',
  'inProgressOverdue',
  'withdrawnOrStopped',
];

export const EMPTY_ROW: Readonly<Report06Row> = Object.freeze({
  received: 0,
  receivedOnline: 0,
  receivedCounterOrPost: 0,
  carriedOver: 0,
  resolved: 0,
  resolvedEarly: 0,
  resolvedOnTime: 0,
  resolvedLate: 0,
  inProgress: 0,
  inProgressWithinTime: 0,
  inProgressOverdue: 0,
  withdrawnOrStopped: 0,
});

/** The column-wise sum of two rows (only the form's columns: a unit's id or name is not summed). */
export function addRows(a: Readonly<Report06Row>, b: Readonly<Report06Row>): Report06Row {
  const sum = { ...EMPTY_ROW };
  for (const column of REPORT06_COLUMNS) sum[column] = a[column] + b[column];
  return sum;
}

/** The totals row ("Tổng cộng") of some rows. */
export function totalRow(rows: ReadonlyArray<Readonly<Report06Row>>): Report06Row {
  return rows.reduce<Report06Row>((sum, row) => addRows(sum, row), { ...EMPTY_ROW });
}

/** The column invariants of the form; returns the broken ones (empty when consistent). */
export function brokenInvariants(row: Readonly<Report06Row>): string[] {
  const broken: string[] = [];
  if (row.received !== row.receivedOnline + row.receivedCounterOrPost + row.carriedOver)
    broken.push('(3) = (4) + (5) + (6)');
  if (row.resolved !== row.resolvedEarly + row.resolvedOnTime + row.resolvedLate)
    broken.push('(7) = (8) + (9) + (10)');
  if (row.inProgress !== row.inProgressWithinTime + row.inProgressOverdue) broken.push('(11) = (12) + (13)');
  if (row.received !== row.resolved + row.inProgress + row.withdrawnOrStopped)
    broken.push('(3) = (7) + (11) + (14)');
  return broken;
}

/** `part / whole` rounded to 4 decimals (0.1234 = 12.34 %); null when there is nothing to divide. */
export function share(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 10_000) / 10_000;
}

/** Received during the period, (4) + (5): the carried-over dossiers are not received again. */
export const receivedInPeriod = (row: Pick<Report06Row, 'receivedOnline' | 'receivedCounterOrPost'>) =>
  row.receivedOnline + row.receivedCounterOrPost;

/** Resolved before or on the appointment day, (8) + (9). */
export const resolvedInTime = (row: Pick<Report06Row, 'resolvedEarly' | 'resolvedOnTime'>) =>
  row.resolvedEarly + row.resolvedOnTime;

/** The figures every statistics table and chart shows for an agency or a month. */
export interface Figures {
  /** (4) + (5) */
  received: number;
  /** (4) */
  receivedOnline: number;
  /** (7) */
  resolved: number;
  /** (8) + (9) */
  resolvedOnTime: number;
  /** (10) */
  resolvedLate: number;
  /** on time / resolved */
  onTimeRate: number | null;
  /** received online / received */
  onlineShare: number | null;
}

export type FiguresSource = Pick<
  Report06Row,
  | 'receivedOnline'
  | 'receivedCounterOrPost'
  | 'resolved'
  | 'resolvedEarly'
  | 'resolvedOnTime'
  | 'resolvedLate'
>;

/** The figures of a row. */
export function figuresOf(row: FiguresSource): Figures {
  const received = receivedInPeriod(row);
  const onTime = resolvedInTime(row);
  return {
    received,
    receivedOnline: row.receivedOnline,
    resolved: row.resolved,
    resolvedOnTime: onTime,
    resolvedLate: row.resolvedLate,
    onTimeRate: share(onTime, row.resolved),
    onlineShare: share(row.receivedOnline, received),
  };
}

/** The figures of several agencies or months together: counts summed, rates of the sums. */
export function sumFigures(rows: ReadonlyArray<Readonly<Figures>>): Figures {
  const total = rows.reduce(
    (sum, row) => ({
      received: sum.received + row.received,
      receivedOnline: sum.receivedOnline + row.receivedOnline,
      resolved: sum.resolved + row.resolved,
      resolvedOnTime: sum.resolvedOnTime + row.resolvedOnTime,
      resolvedLate: sum.resolvedLate + row.resolvedLate,
    }),
    { received: 0, receivedOnline: 0, resolved: 0, resolvedOnTime: 0, resolvedLate: 0 },
  );
  return {
    ...total,
    onTimeRate: share(total.resolvedOnTime, total.resolved),
    onlineShare: share(total.receivedOnline, total.received),
  };
}
