/** SQL of the catalogue: versions, search, reading. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { foldVietnamese, searchTerms } from '../../lib/vietnamese';
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
  const bodyB = foldVietnamese(`${record.field} ${record.implementingAgency}`);
  const bodyC = foldVietnamese(`${record.documents.map((doc) => doc.name).join(' ')} ${record.result}`);
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
      content_hash: input.hash,
      search_name: nameFolded,
      search_vector: sql`setweight(to_tsvector('simple', ${nameFolded}), 'A')
        || setweight(to_tsvector('simple', ${record.code}), 'A')
        || setweight(to_tsvector('simple', ${bodyB}), 'B')
        || setweight(to_tsvector('simple', ${bodyC}), 'C')`,
      created_by: input.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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
  'v.created_at',
] as const;

function versionsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
    .innerJoin('procedure_fields as f', 'f.code', 'v.field_code')
    .leftJoin('units as u', 'u.id', 'v.handling_unit_id')
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

export interface SearchQuery {
  q?: string;
  field?: string;
  unitId?: number;
  level?: string;
  onlineLevel?: number;
  onlineClass?: string;
  page: number;
  pageSize: number;
}

/** Builds a prefix tsquery from folded terms (only [a-z0-9.], so it cannot inject syntax). */
export function toTsQuery(q: string): string | null {
  const terms = searchTerms(q)
    .map((term) => term.replace(/[^a-z0-9.]/g, ''))
    .filter((term) => term.length > 0);
  return terms.length === 0 ? null : terms.map((term) => `${term}:*`).join(' & ');
}

export async function searchProcedures(db: Kysely<Database>, query: SearchQuery, date: string) {
  const tsQuery = query.q ? toTsQuery(query.q) : null;
  const phrase = query.q ? foldVietnamese(query.q) : '';
  let base = db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
    .innerJoin('procedure_fields as f', 'f.code', 'v.field_code')
    .leftJoin('units as u', 'u.id', 'v.handling_unit_id')
    .where('v.effective_from', '<=', date)
    .where((eb) => eb.or([eb('v.effective_until', 'is', null), eb('v.effective_until', '>', date)]));
  if (query.q && !tsQuery) return { items: [], total: 0 };
  if (tsQuery) {
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`v.search_vector @@ to_tsquery('simple', ${tsQuery})`,
        eb('p.code', '=', query.q!.trim()),
      ]),
    );
  }
  if (query.field) base = base.where('v.field_code', '=', query.field);
  if (query.unitId !== undefined) base = base.where('v.handling_unit_id', '=', query.unitId);
  if (query.level) base = base.where(sql<boolean>`${query.level} = any(v.levels)`);
  if (query.onlineLevel !== undefined) base = base.where('v.online_level', '=', query.onlineLevel);
  if (query.onlineClass) base = base.where('v.online_class', '=', query.onlineClass);

  const rank = tsQuery
    ? sql<number>`(case when p.code = ${query.q!.trim()} then 10 else 0 end)
        + (case when regexp_replace(v.search_name, '^thu tuc ', '') = ${phrase} then 5
                when regexp_replace(v.search_name, '^thu tuc ', '') like ${`${phrase}%`} then 3
                when v.search_name like ${`%${phrase}%`} then 2 else 0 end)
        + ts_rank(v.search_vector, to_tsquery('simple', ${tsQuery}))
        - length(v.search_name) / 10000.0`
    : sql<number>`0`;
  const rows = await base
    .select([
      'p.code',
      'v.name',
      'v.field_code',
      'f.name as field_name',
      'v.levels',
      'v.implementing_agency',
      'v.handling_unit_id',
      'u.name as handling_unit_name',
      'v.online_level',
      'v.online_class',
      'v.channels',
      'v.version',
      rank.as('rank'),
      sql<number>`count(*) over ()`.as('total'),
    ])
    .orderBy('rank', 'desc')
    .orderBy('p.code')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && query.page > 1) {
    const count = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    total = Number(count.n);
  }
  return { items: rows, total };
}
