/**
 * Catalogue use cases: publish records (create or new version), read, search. A batch is
 * all-or-nothing: every record is checked first, then all are written in one transaction.
 */
import type { Kysely } from 'kysely';
import { Nullable, StringEnum } from '../../http/schemas';
import { Type, type Static } from 'typebox';
import type { Database } from '../../db/schema';
import { DomainError, fieldError, invalid, notFound, type FieldError } from '../../http/errors';
import { vietnamDate } from '../../lib/time';
import { recordAudit, type Actor } from '../audit';
import type { CatalogueIndex, CatalogueQuery } from './catalogue-index';
import { CHANNELS, checkProcedure, contentHash, normaliseProcedure, type ProcedureInput } from './model';
import {
  allVersions,
  endVersion,
  ensureField,
  insertVersion,
  latestVersion,
  versionInForce,
  type VersionRow,
} from './repo';

export type PublishMode = 'create' | 'update' | 'upsert';

export interface PublishOutcome {
  code: string;
  status: 'created' | 'updated' | 'unchanged';
  version: number;
}

/** Where a record came from, for error messages: "/3" in JSON, "Thủ tục!R5" in Excel. */
export interface Located<T> {
  location: string;
  record: T;
}

export async function publishProcedures(
  db: Kysely<Database>,
  actor: Actor,
  records: Located<ProcedureInput>[],
  mode: PublishMode,
  options: { dryRun?: boolean; today?: string; reason?: string } = {},
): Promise<PublishOutcome[]> {
  const today = options.today ?? vietnamDate(new Date());
  const errors: FieldError[] = [];
  const seen = new Map<string, string>();
  for (const { location, record } of records) {
    errors.push(...checkProcedure(record, location));
    const previous = seen.get(record.code);
    if (previous !== undefined) {
      errors.push(
        fieldError(
          `${location}/code`,
          'duplicate',
          `Mã thủ tục ${record.code} bị trùng với ${previous}.`,
          `Code ${record.code} repeats ${previous}.`,
        ),
      );
    }
    seen.set(record.code, location);
  }
  if (errors.length > 0) throw invalid(errors, 'Dữ liệu thủ tục không hợp lệ; chưa có thủ tục nào được lưu.');

  const outcomes = await db
    .transaction()
    .execute(async (trx) => {
      const results: PublishOutcome[] = [];
      const rowErrors: FieldError[] = [];
      for (const { location, record: raw } of records) {
        const record = normaliseProcedure(raw);
        const hash = contentHash(record);
        const effectiveFrom = record.effectiveFrom ?? today;
        let handlingUnitId: number | null = null;
        if (record.handlingUnitCode) {
          const unit = await trx
            .selectFrom('units_view')
            .select('id')
            .where('agency_code', '=', record.handlingUnitCode)
            .where('valid_until', 'is', null)
            .executeTakeFirst();
          if (!unit) {
            rowErrors.push(
              fieldError(
                `${location}/handlingUnitCode`,
                'unit_not_found',
                `Không có đơn vị đang hoạt động với mã ${record.handlingUnitCode}.`,
                `No open unit with code ${record.handlingUnitCode}.`,
              ),
            );
            continue;
          }
          handlingUnitId = unit.id;
        }
        const latest = await latestVersion(trx, record.code);
        if (latest && mode === 'create') {
          rowErrors.push(
            fieldError(
              `${location}/code`,
              'exists',
              `Thủ tục ${record.code} đã có trong danh mục.`,
              `Procedure ${record.code} already exists.`,
            ),
          );
          continue;
        }
        if (!latest && mode === 'update') {
          rowErrors.push(
            fieldError(
              `${location}/code`,
              'not_found',
              `Không có thủ tục ${record.code} trong danh mục.`,
              `Procedure ${record.code} not found.`,
            ),
          );
          continue;
        }
        if (latest && latest.content_hash === hash) {
          results.push({ code: record.code, status: 'unchanged', version: latest.current_version });
          continue;
        }
        if (latest && effectiveFrom < latest.effective_from) {
          rowErrors.push(
            fieldError(
              `${location}/effectiveFrom`,
              'before_current',
              `Ngày hiệu lực phải từ ${latest.effective_from} (ngày hiệu lực của phiên bản hiện tại) trở đi.`,
              `effectiveFrom must be on or after ${latest.effective_from}.`,
            ),
          );
          continue;
        }
        const fieldCode = await ensureField(trx, record.field);
        let procedureId: number;
        let version: number;
        if (latest) {
          procedureId = latest.procedure_id;
          version = latest.current_version + 1;
          await endVersion(trx, latest.version_id, effectiveFrom);
          await trx
            .updateTable('procedures')
            .set({ current_version: version })
            .where('id', '=', procedureId)
            .execute();
        } else {
          const row = await trx
            .insertInto('procedures')
            .values({ code: record.code, current_version: 1 })
            .returning('id')
            .executeTakeFirstOrThrow();
          procedureId = row.id;
          version = 1;
        }
        await insertVersion(trx, {
          procedureId,
          version,
          record,
          effectiveFrom,
          fieldCode,
          handlingUnitId,
          hash,
          createdBy: actor.userId,
        });
        await recordAudit(trx, actor, {
          action: latest ? 'procedure.new_version' : 'procedure.create',
          entityType: 'procedure',
          entityId: record.code,
          reason: options.reason?.trim() || null,
          after: { version, effectiveFrom, name: record.name, contentHash: hash },
        });
        results.push({ code: record.code, status: latest ? 'updated' : 'created', version });
      }
      if (rowErrors.length > 0)
        throw invalid(rowErrors, 'Dữ liệu thủ tục không hợp lệ; chưa có thủ tục nào được lưu.');
      if (options.dryRun) throw new DryRunRollback(results);
      return results;
    })
    .catch((error: unknown) => {
      if (error instanceof DryRunRollback) return error.results;
      throw error;
    });
  return outcomes;
}

class DryRunRollback extends Error {
  constructor(readonly results: PublishOutcome[]) {
    super('dry run');
  }
}

const Duration = Nullable(Type.Object({ amount: Type.Number(), unit: Type.String() }));
export const ProcedureSchema = Type.Object({
  code: Type.String(),
  versionId: Type.Integer(),
  version: Type.Integer(),
  effectiveFrom: Type.String({ format: 'date' }),
  effectiveUntil: Nullable(Type.String({ format: 'date' })),
  decision: Nullable(Type.String()),
  name: Type.String(),
  field: Type.Object({ code: Type.String(), name: Type.String() }),
  levels: Type.Array(Type.String()),
  implementingAgency: Type.String(),
  handlingUnit: Nullable(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      agencyCode: Nullable(Type.String()),
    }),
  ),
  onlineLevel: Nullable(Type.Integer()),
  onlineClass: Nullable(Type.String()),
  channels: Type.Array(
    Type.Object({
      channel: Type.String(),
      duration: Duration,
      fees: Type.Array(
        Type.Object({
          name: Type.String(),
          amountVnd: Nullable(Type.Integer()),
          note: Type.Optional(Type.String()),
        }),
      ),
    }),
  ),
  documents: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      originals: Type.Integer(),
      copies: Type.Integer(),
      templateUrl: Nullable(Type.String()),
      required: Type.Boolean(),
      cases: Type.Optional(Type.Array(Type.String())),
      channels: Type.Optional(Type.Array(StringEnum(CHANNELS))),
      note: Type.Optional(Type.String()),
    }),
  ),
  result: Type.String(),
  legalBasis: Type.Array(Type.String()),
  subCases: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      group: Type.Optional(Type.String()),
      note: Type.Optional(Type.String()),
    }),
  ),
  steps: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), role: Type.String(), hours: Type.Number() }),
  ),
  formSchema: Type.Record(Type.String(), Type.Unknown()),
  deadlinePolicy: Type.Object({ supplementClock: Type.String() }),
  requirements: Nullable(
    Type.String({ description: 'Yêu cầu, điều kiện thực hiện, công khai cho người dân' }),
  ),
  notes: Type.Optional(
    Nullable(
      Type.String({
        description:
          'Ghi chú nội bộ của người biên tập danh mục; chỉ có khi người gọi có quyền quản lý danh mục',
      }),
    ),
  ),
});
export type ProcedureOut = Static<typeof ProcedureSchema>;

export function procedureOut(row: VersionRow): ProcedureOut {
  return {
    code: row.code,
    versionId: row.version_id,
    version: row.version,
    effectiveFrom: row.effective_from,
    effectiveUntil: row.effective_until,
    decision: row.decision,
    name: row.name,
    field: { code: row.field_code, name: row.field_name },
    levels: row.levels,
    implementingAgency: row.implementing_agency,
    handlingUnit:
      row.handling_unit_id === null
        ? null
        : {
            id: row.handling_unit_id,
            name: row.handling_unit_name ?? '',
            agencyCode: row.handling_unit_code,
          },
    onlineLevel: row.online_level,
    onlineClass: row.online_class,
    channels: row.channels as ProcedureOut['channels'],
    documents: row.documents as ProcedureOut['documents'],
    result: row.result,
    legalBasis: row.legal_basis as string[],
    subCases: row.sub_cases as ProcedureOut['subCases'],
    steps: row.steps as ProcedureOut['steps'],
    formSchema: row.form_schema as Record<string, unknown>,
    deadlinePolicy: row.deadline_policy as ProcedureOut['deadlinePolicy'],
    requirements: row.requirements,
    notes: row.notes,
  };
}

/** Back to the import format, so an export can be edited and imported again. */
export function toInput(procedure: ProcedureOut): ProcedureInput {
  return {
    code: procedure.code,
    name: procedure.name,
    field: procedure.field.name,
    levels: procedure.levels as ProcedureInput['levels'],
    implementingAgency: procedure.implementingAgency,
    handlingUnitCode: procedure.handlingUnit?.agencyCode ?? null,
    onlineLevel: procedure.onlineLevel,
    onlineClass: procedure.onlineClass as ProcedureInput['onlineClass'],
    channels: procedure.channels as ProcedureInput['channels'],
    documents: procedure.documents.map((doc) => ({ ...doc })),
    result: procedure.result,
    legalBasis: procedure.legalBasis,
    subCases: procedure.subCases,
    steps: procedure.steps as ProcedureInput['steps'],
    formSchema: procedure.formSchema,
    deadlinePolicy: procedure.deadlinePolicy as ProcedureInput['deadlinePolicy'],
    requirements: procedure.requirements,
    ...(procedure.notes === undefined ? {} : { notes: procedure.notes }),
    decision: procedure.decision,
    effectiveFrom: procedure.effectiveFrom,
  };
}

export async function getProcedure(
  db: Kysely<Database>,
  code: string,
  date = vietnamDate(new Date()),
): Promise<ProcedureOut> {
  const row = await versionInForce(db, code, date);
  if (!row) {
    const any = await allVersions(db, code);
    if (any.length > 0) {
      throw new DomainError({
        code: 'procedure_not_in_force',
        status: 404,
        message: `Thủ tục ${code} không có phiên bản có hiệu lực vào ngày ${date}.`,
        messageEn: `Procedure ${code} has no version in force on ${date}.`,
      });
    }
    throw notFound(`thủ tục ${code}`, `Procedure ${code}`);
  }
  return procedureOut(row);
}

export async function listVersions(db: Kysely<Database>, code: string) {
  const rows = await allVersions(db, code);
  if (rows.length === 0) throw notFound(`thủ tục ${code}`, `Procedure ${code}`);
  return rows.map(procedureOut);
}

export async function search(index: CatalogueIndex, query: CatalogueQuery) {
  const { items, total } = await index.search(query);
  return {
    items: items.map((entry) => ({
      code: entry.code,
      name: entry.name,
      field: { code: entry.fieldCode, name: entry.fieldName },
      levels: entry.levels,
      implementingAgency: entry.implementingAgency,
      handlingUnit:
        entry.handlingUnitId === null
          ? null
          : { id: entry.handlingUnitId, name: entry.handlingUnitName ?? '' },
      onlineLevel: entry.onlineLevel,
      onlineClass: entry.onlineClass,
      channels: entry.channels,
      version: entry.version,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
