/** SQL of the catalogue: versions, search, reading. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { foldVietnamese } from '../../lib/vietnamese';
import type { NormalisedProcedure } from './model';

export function fieldCodeOf(name: string): string {
  return (
    foldVietnamese(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'khac'
  );
}

export async function ensureField(db: Kysely<Database>, name: string): Promise<string> {
  const existing = await db
    .selectFrom('procedure_fields')
    .select('code')
    .where('name', '=', name)
    .executeTakeFirst();
  if (existing) return existing.code;
  let code = fieldCodeOf(name);
  for (
    let suffix = 2;
    await db.selectFrom('procedure_fields').select('code').where('code', '=', code).executeTakeFirst();
    suffix += 1
  ) {
    code = `${fieldCodeOf(name).slice(0, 76)}-${suffix}`;
  }
  await db.insertInto('procedure_fields').values({ code, name }).execute();
  return code;
}

export async function latestVersion(db: Kysely<Database>, code: string) {
  return db
    .selectFrom('procedures')
    .innerJoin('procedure_versions as v', (join) =>
      join
        .onRef('v.procedure_id', '=', 'procedures.id')
        .onRef('v.version', '=', 'procedures.current_version'),
    )
    .select([
      'procedures.id as procedure_id',
      'procedures.current_version',
      'v.id as version_id',
      'v.effective_from',
      'v.content_hash',
    ])
    .where('procedures.code', '=', code)
    .executeTakeFirst();
}

/** Inserts a version row (the caller has checked dates and hashes). */
export async function insertVersion(
  db: Kysely<Database>,
  input: {
    procedureId: number;
    version: number;
    record: NormalisedProcedure;
    effectiveFrom: string;
    fieldCode: string;
    handlingUnitId: number | null;
    hash: string;
    createdBy: number | null;
  },
): Promise<number> {
  const { record } = input;
  const nameFolded = foldVietnamese(record.name);
  // "Thủ tục đăng ký khai sinh" should rank as an exact match for "đăng ký khai sinh".
  const rankName = nameFolded.replace(/^thu tuc /, '');
  const row = await db
    .insertInto('procedure_versions')
    .values({
      procedure_id: input.procedureId,
      version: input.version,
      effective_from: input.effectiveFrom,
      decision: record.decision ?? null,
      name: record.name,
      field_code: input.fieldCode,
      levels: record.levels,
      implementing_agency: record.implementingAgency,
      handling_unit_id: input.handlingUnitId,
      online_level: record.onlineLevel ?? null,
      online_class: record.onlineClass ?? null,
      channels: JSON.stringify(record.channels),
      documents: JSON.stringify(record.documents),
      result: record.result,
      legal_basis: JSON.stringify(record.legalBasis),
      sub_cases: JSON.stringify(record.subCases),
      steps: JSON.stringify(record.steps),
      form_schema: JSON.stringify(record.formSchema),
      deadline_policy: JSON.stringify(record.deadlinePolicy),
      notes: record.notes ?? null,
      requirements: record.requirements ?? null,
      content_hash: input.hash,
      created_by: input.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('procedure_search')
    .values({
      version_id: row.id,
      procedure_id: input.procedureId,
      version: input.version,
      code: record.code,
      name: record.name,
      field_code: input.fieldCode,
      levels: record.levels,
      implementing_agency: record.implementingAgency,
      handling_unit_id: input.handlingUnitId,
      online_level: record.onlineLevel ?? null,
      online_class: record.onlineClass ?? null,
      channel_durations: JSON.stringify(
        record.channels.map(({ channel, duration }) => ({ channel, duration })),
      ),
      effective_from: input.effectiveFrom,
      effective_until: null,
      search_name: rankName,
    })
    .execute();
  return row.id;
}

/** Ends a version the day the next one starts (in the version and its search row). */
export async function endVersion(db: Kysely<Database>, versionId: number, until: string): Promise<void> {
  await db
    .updateTable('procedure_versions')
    .set({ effective_until: until })
    .where('id', '=', versionId)
    .execute();
  await db
    .updateTable('procedure_search')
    .set({ effective_until: until })
    .where('version_id', '=', versionId)
    .execute();
}

const versionColumns = [
  'p.code',
  'v.id as version_id',
  'v.version',
  'v.effective_from',
  'v.effective_until',
  'v.decision',
  'v.name',
  'v.field_code',
  'f.name as field_name',
  'v.levels',
  'v.implementing_agency',
  'v.handling_unit_id',
  'u.name as handling_unit_name',
  'u.agency_code as handling_unit_code',
  'v.online_level',
  'v.online_class',
  'v.channels',
  'v.documents',
  'v.result',
  'v.legal_basis',
  'v.sub_cases',
  'v.steps',
  'v.form_schema',
  'v.deadline_policy',
  'v.notes',
  'v.requirements',
  'v.created_at',
] as const;

function versionsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
    .innerJoin('procedure_fields as f', 'f.code', 'v.field_code')
    .leftJoin('units_view as u', 'u.id', 'v.handling_unit_id')
    .select(versionColumns);
}
export type VersionRow = Awaited<ReturnType<ReturnType<typeof versionsQuery>['executeTakeFirstOrThrow']>>;

/** The version in force on `date`. */
export async function versionInForce(db: Kysely<Database>, code: string, date: string) {
  return versionsQuery(db)
    .where('p.code', '=', code)
    .where('v.effective_from', '<=', date)
    .where((eb) => eb.or([eb('v.effective_until', 'is', null), eb('v.effective_until', '>', date)]))
    .orderBy('v.version', 'desc')
    .executeTakeFirst();
}

export async function allVersions(db: Kysely<Database>, code: string) {
  return versionsQuery(db).where('p.code', '=', code).orderBy('v.version', 'desc').execute();
}

export async function versionById(db: Kysely<Database>, id: number) {
  return versionsQuery(db).where('v.id', '=', id).executeTakeFirst();
}

export async function allInForce(db: Kysely<Database>, date: string) {
  return versionsQuery(db)
    .where('v.effective_from', '<=', date)
    .where((eb) => eb.or([eb('v.effective_until', 'is', null), eb('v.effective_until', '>', date)]))
    .orderBy('p.code')
    .execute();
}
