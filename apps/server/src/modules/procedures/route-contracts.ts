/** The contracts of the catalogue routes: parameters, bodies and the shapes they answer. */
import { Type } from 'typebox';
import { Nullable } from '../../http/schemas';
import { PROCEDURE_CODE_PATTERN, ProcedureInputSchema } from './model';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IMPORT_LIMIT = 20 * 1024 * 1024;

export const CodeParams = Type.Object(
  { code: Type.String({ pattern: PROCEDURE_CODE_PATTERN }) },
  { additionalProperties: false },
);
export const SummarySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  field: Type.Object({ code: Type.String(), name: Type.String() }),
  levels: Type.Array(Type.String()),
  implementingAgency: Type.String(),
  handlingUnit: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  onlineLevel: Nullable(Type.Integer()),
  onlineClass: Nullable(Type.String()),
  channels: Type.Array(
    Type.Object({
      channel: Type.String(),
      duration: Nullable(Type.Object({ amount: Type.Number(), unit: Type.String() })),
    }),
  ),
  version: Type.Integer(),
});
export const OutcomeSchema = Type.Object({
  dryRun: Type.Boolean(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  items: Type.Array(Type.Object({ code: Type.String(), status: Type.String(), version: Type.Integer() })),
});
export const Reason = Type.Optional(
  Type.String({ maxLength: 1000, description: 'Lý do thay đổi, ghi vào nhật ký' }),
);
export const PopularSchema = Type.Intersect([
  SummarySchema,
  Type.Object({
    submissions: Type.Integer({ description: 'Số hồ sơ đã nộp trong 365 ngày qua' }),
  }),
]);
export const ALL = { page: 1, pageSize: 1_000_000 } as const;
export const DryRunQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean()), reason: Reason },
  { additionalProperties: false },
);
/** A catalogue record plus the reason for the change (kept in the audit log, not in the record). */
export const ProcedureWriteBody = Type.Object(
  { ...ProcedureInputSchema.properties, reason: Reason },
  { additionalProperties: false },
);

export function summarise(
  dryRun: boolean,
  items: Array<{ code: string; status: 'created' | 'updated' | 'unchanged'; version: number }>,
) {
  return {
    dryRun,
    created: items.filter((item) => item.status === 'created').length,
    updated: items.filter((item) => item.status === 'updated').length,
    unchanged: items.filter((item) => item.status === 'unchanged').length,
    items,
  };
}
