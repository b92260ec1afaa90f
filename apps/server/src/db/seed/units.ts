/**
 * Tây Ninh's administrative tree, 2019 and since 1/7/2025, from data/tay-ninh-units.json
 * (GSO codes; agency codes seen in the province's 2020 document-exchange configuration).
 *
 * Choices an official would expect, where the data is silent (marked unconfirmed in the data):
 * - UBND tỉnh Tây Ninh (000.00.00.H53) is one continuous unit: the merged province keeps the
 *   name, and its GSO code is now 80 (Long An's former code; 72 is retired). UBND tỉnh Long An
 *   (000.00.00.H39, unconfirmed) closes on 1/7/2025 with Tây Ninh as its successor.
 * - The 9 districts and their 95 communes (2019 names) close on 1/7/2025; the 96 new communes
 *   open that day under the province, each succeeding the Tây Ninh communes it was formed from
 *   (NQ 1682/NQ-UBTVQH15). Long An's old communes are not loaded, so those links are skipped.
 * - Units existed long before 2019; their start is set to 2000-01-01 as a conventional origin.
 * - Commune agency codes are derived by the national rule (000.NN.DD.H53 under a district's
 *   code DD; 000.NN.40.H53 for the 2025 communes) and marked unconfirmed.
 * - The departments are the 2020 ones (agency codes 000.00.02–18.H53), then the 2025
 *   reorganisation of data/departments-2025.json (departments-2025.ts): the mergers of 1/3/2025
 *   close the absorbed departments with their successors, Sở Nông nghiệp và Môi trường and
 *   Sở Dân tộc và Tôn giáo open, and Long An's departments close on 1/7/2025 into Tây Ninh's.
 * - The 2020 renames (Hòa Thành, Trảng Bàng became thị xã) are not loaded; administrators
 *   record such changes through the API (rename, close with successor).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { insertSuccessions, insertUnit } from '../../modules/org';
import unitsData from './data/tay-ninh-units.json';
import { seedDepartments2025 } from './departments-2025';

const ORIGIN = '2000-01-01';
const REFORM = '2025-07-01';
const REFORM_BASIS = 'Nghị quyết 202/2025/QH15; Nghị quyết 1682/NQ-UBTVQH15';

const DISTRICT_AGENCY_CODES: Record<string, string> = {
  '703': '000.00.30.H53',
  '711': '000.00.31.H53',
  '708': '000.00.32.H53',
  '707': '000.00.33.H53',
  '710': '000.00.34.H53',
  '709': '000.00.35.H53',
  '705': '000.00.36.H53',
  '706': '000.00.37.H53',
  '712': '000.00.38.H53',
};

export interface SeededUnits {
  province: number;
  serviceCentre: number;
  justice: number;
  construction: number;
  /** Văn phòng UBND tỉnh. */
  office: number;
  byAgencyCode: Map<string, number>;
}

export async function seedUnits(db: Kysely<Database>): Promise<SeededUnits> {
  const byAgencyCode = new Map<string, number>();
  const confirmed = new Map(unitsData.agencyIds.map((agency) => [agency.id, agency]));
  const province = await insertUnit(db, {
    agency_code: '000.00.00.H53',
    agency_code_confirmed: true,
    admin_area_code: unitsData.province2025.code,
    name: 'Ủy ban nhân dân tỉnh Tây Ninh',
    kind: 'province',
    tier: 'province',
    parent_id: null,
    valid_from: ORIGIN,
    valid_until: null,
  });
  byAgencyCode.set('000.00.00.H53', province);
  const longAn = await insertUnit(db, {
    agency_code: '000.00.00.H39',
    agency_code_confirmed: false,
    admin_area_code: null,
    name: 'Ủy ban nhân dân tỉnh Long An',
    kind: 'province',
    tier: 'province',
    parent_id: null,
    valid_from: ORIGIN,
    valid_until: REFORM,
  });
  await insertSuccessions(db, [
    {
      predecessorId: longAn,
      successorId: province,
      effectiveDate: REFORM,
      whole: true,
      legalBasis: 'Nghị quyết 202/2025/QH15',
    },
  ]);
  byAgencyCode.set('000.00.00.H39', longAn);

  const office = await insertUnit(db, {
    agency_code: '000.00.01.H53',
    agency_code_confirmed: true,
    admin_area_code: null,
    name: 'Văn phòng Ủy ban nhân dân tỉnh Tây Ninh',
    kind: 'office',
    tier: 'province',
    parent_id: province,
    valid_from: ORIGIN,
    valid_until: null,
  });
  byAgencyCode.set('000.00.01.H53', office);
  const serviceCentre = await insertUnit(db, {
    // Code 000.02.01.H53 was the 2020 "Trung tâm Hành chính công"; carried over to the renamed centre (unverified).
    agency_code: '000.02.01.H53',
    agency_code_confirmed: true,
    admin_area_code: null,
    name: 'Trung tâm Phục vụ hành chính công tỉnh Tây Ninh',
    kind: 'service_centre',
    tier: 'province',
    parent_id: office,
    valid_from: ORIGIN,
    valid_until: null,
  });
  byAgencyCode.set('000.02.01.H53', serviceCentre);
  byAgencyCode.set(
    '000.01.01.H53',
    await insertUnit(db, {
      agency_code: '000.01.01.H53',
      agency_code_confirmed: true,
      admin_area_code: null,
      name: 'Ban Tiếp công dân tỉnh Tây Ninh',
      kind: 'office',
      tier: 'province',
      parent_id: office,
      valid_from: ORIGIN,
      valid_until: null,
    }),
  );
  for (const agency of unitsData.agencyIds) {
    const ordinal = Number(agency.id.slice(7, 9));
    if (!agency.id.startsWith('000.00.') || !agency.id.endsWith('.H53') || ordinal < 2 || ordinal > 18)
      continue;
    byAgencyCode.set(
      agency.id,
      await insertUnit(db, {
        agency_code: agency.id,
        agency_code_confirmed: agency.confirmed,
        admin_area_code: null,
        name: agency.name,
        kind: 'department',
        tier: 'province',
        parent_id: province,
        valid_from: ORIGIN,
        valid_until: null,
      }),
    );
  }

  const communes2019 = new Map<string, number>();
  for (const district of unitsData.districts2019) {
    const agencyCode = DISTRICT_AGENCY_CODES[district.code]!;
    const prefix = district.type === 'thành phố' ? 'Ủy ban nhân dân thành phố' : 'Ủy ban nhân dân huyện';
    const districtId = await insertUnit(db, {
      agency_code: agencyCode,
      agency_code_confirmed: confirmed.get(agencyCode)?.confirmed ?? false,
      admin_area_code: district.code,
      name: `${prefix} ${district.name.replace(/^(Thành phố|Huyện|Thị xã) /, '')}`,
      kind: 'district',
      tier: 'district',
      parent_id: province,
      valid_from: ORIGIN,
      valid_until: REFORM,
    });
    byAgencyCode.set(agencyCode, districtId);
    const districtOrdinal = agencyCode.slice(7, 9);
    for (const [index, commune] of district.communes.entries()) {
      const id = await insertUnit(db, {
        agency_code: `000.${String(index + 1).padStart(2, '0')}.${districtOrdinal}.H53`,
        agency_code_confirmed: false,
        admin_area_code: commune.code,
        name: `Ủy ban nhân dân ${lowerFirst(commune.name)}`,
        kind: 'commune',
        tier: 'commune',
        parent_id: districtId,
        valid_from: ORIGIN,
        valid_until: REFORM,
      });
      communes2019.set(commune.code, id);
    }
  }

  for (const [index, commune] of unitsData.communes2025.entries()) {
    const id = await insertUnit(db, {
      agency_code: `000.${String(index + 1).padStart(2, '0')}.40.H53`,
      agency_code_confirmed: false,
      admin_area_code: commune.code,
      name: `Ủy ban nhân dân ${lowerFirst(commune.name)}`,
      kind: 'commune',
      tier: 'commune',
      parent_id: province,
      valid_from: REFORM,
      valid_until: null,
    });
    const successions = commune.formedFrom.flatMap((source) => {
      const predecessor = source.province === 'Tỉnh Tây Ninh' ? communes2019.get(source.code) : undefined;
      if (!predecessor) return [];
      return [
        {
          predecessorId: predecessor,
          successorId: id,
          effectiveDate: REFORM,
          whole: source.whole,
          legalBasis: REFORM_BASIS,
        },
      ];
    });
    await insertSuccessions(db, successions, { skipExisting: true });
  }

  await seedDepartments2025(db, byAgencyCode);

  return {
    province,
    serviceCentre,
    justice: byAgencyCode.get('000.00.14.H53')!,
    construction: byAgencyCode.get('000.00.16.H53')!,
    office,
    byAgencyCode,
  };
}

function lowerFirst(name: string): string {
  // "Xã Thạnh Tân" → "xã Thạnh Tân", as written after "Ủy ban nhân dân".
  return name.charAt(0).toLowerCase() + name.slice(1);
}
