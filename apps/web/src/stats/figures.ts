/** The figures every statistics table and chart shows for an agency or a month. */
export interface Figures {
  received: number;
  receivedOnline: number;
  resolved: number;
  resolvedOnTime: number;
  resolvedLate: number;
  onTimeRate: number | null;
  onlineShare: number | null;
}

export interface NamedFigures extends Figures {
  key: string | number;
  name: string;
}

const share = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;

/** The public figures of a Biểu 06 row (received = during the period, columns 4 + 5). */
export function figuresOf(row: {
  receivedOnline: number;
  receivedCounterOrPost: number;
  resolved: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
}): Figures {
  const received = row.receivedOnline + row.receivedCounterOrPost;
  const onTime = row.resolvedEarly + row.resolvedOnTime;
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

export function sumFigures(rows: Figures[]): Figures {
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
