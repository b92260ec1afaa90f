/**
 * The document settings of the demo agencies (issue #14): UBND tỉnh, Sở Xây dựng and UBND
 * phường Tân Ninh, whose văn thư are the demo accounts vanthu, vanthu.xd and vanthu.xa. One
 * series for administrative documents, as most agencies decide; công văn of the agency's own
 * staff carry VP (Văn phòng) as the drafting unit's abbreviation — the agencies' real
 * abbreviations are theirs to set (/quan-tri), this is the reading an official would expect.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { SYSTEM_ACTOR } from '../../modules/audit';
import { saveDocumentSettings } from '../../modules/documents';
import type { SeededUnits } from './units';

export async function seedDocumentSettings(
  db: Kysely<Database>,
  units: SeededUnits,
  tanNinh: number,
): Promise<void> {
  const single = { mode: 'single' } as const;
  const agencies = [
    {
      unitId: units.province,
      agency: 'UBND',
      place: 'Tây Ninh',
      units: { [units.office]: 'VP', [units.province]: 'VP' },
    },
    { unitId: units.construction, agency: 'SXD', place: 'Tây Ninh', units: { [units.construction]: 'VP' } },
    { unitId: tanNinh, agency: 'UBND', place: 'Tân Ninh', units: { [tanNinh]: 'VP' } },
  ];
  for (const agency of agencies)
    await saveDocumentSettings(db, SYSTEM_ACTOR, agency.unitId, {
      agencyAbbreviation: agency.agency,
      placeName: agency.place,
      administrativeSeries: single,
      unitAbbreviations: Object.fromEntries(
        Object.entries(agency.units).map(([id, abbr]) => [String(id), abbr]),
      ),
      advisoryBodies: [],
    });
}
