/**
 * An agency's document settings (document_settings): its abbreviation, the place of its date
 * line, how it numbers administrative documents, its units' abbreviations for công văn, its
 * advisory bodies. The head of the agency decides them (NĐ 30/2020 Điều 15.1.c; Phụ lục I
 * II.3); its administrator records them here, and every change is audited with the values
 * before and after.
 */
import type { Kysely } from 'kysely';
import { isAbbreviation, type AdministrativeSeries } from '@tayninh/domain/documents/notation';
import { documentKind } from '@tayninh/domain/documents/types';
import type { Database } from '../../../db/schema';
import { fieldError, invalid, type FieldError } from '../../../http/errors';
import { recordAudit, type Actor } from '../../audit';
import { unitPath } from '../../org';

export interface AdvisoryBody {
  code: string;
  name: string;
  abbreviation: string;
}

export interface DocumentSettings {
  agencyAbbreviation: string;
  placeName: string;
  administrativeSeries: AdministrativeSeries;
  /** By unit id. */
  unitAbbreviations: Record<string, string>;
  advisoryBodies: AdvisoryBody[];
}

/** Field errors of a settings input, in Vietnamese and English; empty when valid. */
export function settingsErrors(settings: DocumentSettings): FieldError[] {
  const errors: FieldError[] = [];
  const abbreviation = (path: string, value: string) => {
    if (!isAbbreviation(value))
      errors.push(
        fieldError(
          path,
          'abbreviation',
          `"${value}" không phải chữ viết tắt hợp lệ: chữ in hoa và chữ số, không dấu cách, không gạch nối, tối đa 15 ký tự.`,
          'An abbreviation is 1–15 capital letters or digits.',
        ),
      );
  };
  abbreviation('/agencyAbbreviation', settings.agencyAbbreviation);
  if (settings.placeName.trim().length === 0)
    errors.push(
      fieldError('/placeName', 'required', 'Cần địa danh ghi trên văn bản.', 'Place name required.'),
    );
  for (const [unit, value] of Object.entries(settings.unitAbbreviations))
    abbreviation(`/unitAbbreviations/${unit}`, value);
  const codes = new Set<string>();
  settings.advisoryBodies.forEach((body, i) => {
    abbreviation(`/advisoryBodies/${i}/abbreviation`, body.abbreviation);
    if (codes.has(body.code))
      errors.push(
        fieldError(
          `/advisoryBodies/${i}/code`,
          'duplicate',
          'Mã tổ chức tư vấn bị trùng.',
          'Duplicate code.',
        ),
      );
    codes.add(body.code);
  });
  if (settings.administrativeSeries.mode === 'groups') {
    const seen = new Set<string>();
    for (const [name, kinds] of Object.entries(settings.administrativeSeries.groups))
      for (const kind of kinds) {
        const path = `/administrativeSeries/groups/${name}`;
        if (documentKind(kind)?.group !== 'administrative')
          errors.push(
            fieldError(
              path,
              'kind',
              `"${kind}" không phải loại văn bản hành chính.`,
              'Not an administrative kind.',
            ),
          );
        else if (seen.has(kind))
          errors.push(
            fieldError(path, 'duplicate', `Loại "${kind}" thuộc hai sổ.`, 'A kind is in two series.'),
          );
        seen.add(kind);
      }
  }
  return errors;
}

function fromRow(row: {
  agency_abbreviation: string;
  place_name: string;
  administrative_series: unknown;
  unit_abbreviations: unknown;
  advisory_bodies: unknown;
}): DocumentSettings {
  return {
    agencyAbbreviation: row.agency_abbreviation,
    placeName: row.place_name,
    administrativeSeries: row.administrative_series as AdministrativeSeries,
    unitAbbreviations: row.unit_abbreviations as Record<string, string>,
    advisoryBodies: row.advisory_bodies as AdvisoryBody[],
  };
}

export async function settingsOf(db: Kysely<Database>, unitId: number): Promise<DocumentSettings | null> {
  const row = await db
    .selectFrom('document_settings')
    .selectAll()
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** Units that issue documents in their own name (a Sở, a UBND), whether or not set up yet. */
const ISSUING_KINDS = ['province', 'district', 'commune', 'department'];

/**
 * The agency a unit drafts or receives documents for: the unit itself when it has settings;
 * otherwise an office or centre belongs to the agency above it (Văn phòng UBND tỉnh drafts for
 * UBND tỉnh unless it is set up as an agency of its own). A Sở or a UBND without settings has
 * none yet (null): it is never taken for the agency above it.
 */
export async function agencyOf(
  db: Kysely<Database>,
  unitId: number,
): Promise<{ unitId: number; settings: DocumentSettings } | null> {
  const path = await unitPath(db, unitId);
  if (path.length === 0) return null;
  const [rows, units] = await Promise.all([
    db.selectFrom('document_settings').selectAll().where('unit_id', 'in', path).execute(),
    db.selectFrom('units_view').select(['id', 'kind']).where('id', 'in', path).execute(),
  ]);
  for (const id of [...path].reverse()) {
    const row = rows.find((r) => Number(r.unit_id) === id);
    if (row) return { unitId: id, settings: fromRow(row) };
    if (ISSUING_KINDS.includes(units.find((u) => Number(u.id) === id)?.kind ?? '')) return null;
  }
  return null;
}

/** Records an agency's settings (validated; 422 with every problem), audited with before and after. */
export async function saveSettings(
  db: Kysely<Database>,
  actor: Actor,
  unitId: number,
  settings: DocumentSettings,
  reason: string | null = null,
): Promise<DocumentSettings> {
  const errors = settingsErrors(settings);
  if (errors.length > 0) throw invalid(errors);
  const write = async (trx: Kysely<Database>) => {
    const before = await trx
      .selectFrom('document_settings')
      .selectAll()
      .where('unit_id', '=', unitId)
      .forUpdate()
      .executeTakeFirst();
    const values = {
      agency_abbreviation: settings.agencyAbbreviation,
      place_name: settings.placeName.trim(),
      administrative_series: JSON.stringify(settings.administrativeSeries),
      unit_abbreviations: JSON.stringify(settings.unitAbbreviations),
      advisory_bodies: JSON.stringify(settings.advisoryBodies),
      updated_by: actor.userId,
      updated_at: new Date(),
    };
    await trx
      .insertInto('document_settings')
      .values({ unit_id: unitId, ...values })
      .onConflict((oc) => oc.column('unit_id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, actor, {
      action: before ? 'document_settings.update' : 'document_settings.create',
      entityType: 'document_settings',
      entityId: unitId,
      reason,
      before: before ? fromRow(before) : null,
      after: settings,
    });
    return settings;
  };
  // One transaction: the caller's (the demo seed), or its own.
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}
