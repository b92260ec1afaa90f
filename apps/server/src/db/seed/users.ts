/** Demo accounts with fixed usernames (guides and checks rely on them). */
import type { Kysely } from 'kysely';
import type { Database, Role } from '../schema';
import { hashPassword } from '../../modules/auth';
import { insertUsersWithGrants } from '../../modules/org';
import type { SeededUnits } from './units';

export const DEMO_USERNAMES = [
  'admin',
  'tiepnhan',
  'chuyenvien',
  'lanhdao',
  'chuyenvien.xd',
  'lanhdao.xd',
  'tiepnhan.xa',
  'hotich.xa',
  'chutich.xa',
  'tiepnhan.thanhhoa',
  'vanthu',
  'vanthu.xd',
  'vanthu.xa',
  'lanhdao.ubnd',
  'chuyenvien.vp',
  'congdan',
  'congdan2',
] as const;

/**
 * The demo communes (GSO codes of the 2025 units): phường Tân Ninh, the ward of the former city
 * of Tây Ninh, and xã Thạnh Hóa, a rural commune of the former Long An part of the province
 * (NQ 1682/NQ-UBTVQH15), so that commune dossiers can be shown from both halves.
 */
export const DEMO_COMMUNES = { tanNinh: '25459', thanhHoa: '27865' } as const;

/** The open (2025) commune with this GSO code. */
export async function communeId(db: Kysely<Database>, gsoCode: string): Promise<number> {
  const row = await db
    .selectFrom('units_view')
    .select('id')
    .where('kind', '=', 'commune')
    .where('admin_area_code', '=', gsoCode)
    .where('valid_until', 'is', null)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function seedUsers(
  db: Kysely<Database>,
  units: SeededUnits,
  password: string,
  options: { clerks: boolean } = { clerks: true },
): Promise<Map<string, number>> {
  const passwordHash = await hashPassword(password);
  const tanNinh = await communeId(db, DEMO_COMMUNES.tanNinh);
  const thanhHoa = await communeId(db, DEMO_COMMUNES.thanhHoa);
  const people: Array<{
    username: string;
    fullName: string;
    kind: 'citizen' | 'officer';
    unit: number | null;
    /** Where the person works, when not the unit of the grant. */
    primary?: number;
    role: Role;
    subtree?: boolean;
    email: string;
    phone: string;
    identity?: string;
  }> = [
    {
      username: 'admin',
      fullName: 'Quản trị hệ thống',
      kind: 'officer',
      unit: units.province,
      role: 'system_admin',
      subtree: true,
      email: 'admin@tayninh.gov.vn',
      phone: '0276000001',
    },
    {
      username: 'tiepnhan',
      fullName: 'Nguyễn Thị Thu Hà',
      kind: 'officer',
      unit: units.serviceCentre,
      role: 'receiving_officer',
      email: 'tiepnhan@tayninh.gov.vn',
      phone: '0276000002',
    },
    {
      username: 'chuyenvien',
      fullName: 'Trần Văn Minh',
      kind: 'officer',
      unit: units.justice,
      role: 'specialist',
      email: 'chuyenvien.stp@tayninh.gov.vn',
      phone: '0276000003',
    },
    {
      username: 'lanhdao',
      fullName: 'Lê Hoàng Phúc',
      kind: 'officer',
      unit: units.justice,
      role: 'leader',
      email: 'lanhdao.stp@tayninh.gov.vn',
      phone: '0276000004',
    },
    {
      username: 'chuyenvien.xd',
      fullName: 'Phạm Quốc Bảo',
      kind: 'officer',
      unit: units.construction,
      role: 'specialist',
      email: 'chuyenvien.sxd@tayninh.gov.vn',
      phone: '0276000005',
    },
    {
      username: 'lanhdao.xd',
      fullName: 'Huỳnh Minh Tâm',
      kind: 'officer',
      unit: units.construction,
      role: 'leader',
      email: 'lanhdao.sxd@tayninh.gov.vn',
      phone: '0276000006',
    },
    // UBND phường Tân Ninh: Bộ phận Một cửa, công chức tư pháp – hộ tịch, Chủ tịch UBND phường.
    {
      username: 'tiepnhan.xa',
      fullName: 'Trương Thị Mỹ Duyên',
      kind: 'officer',
      unit: tanNinh,
      role: 'receiving_officer',
      email: 'motcua.tanninh@tayninh.gov.vn',
      phone: '0276000011',
    },
    {
      username: 'hotich.xa',
      fullName: 'Lâm Văn Hậu',
      kind: 'officer',
      unit: tanNinh,
      role: 'specialist',
      email: 'tuphap.tanninh@tayninh.gov.vn',
      phone: '0276000012',
    },
    {
      username: 'chutich.xa',
      fullName: 'Nguyễn Thanh Tùng',
      kind: 'officer',
      unit: tanNinh,
      role: 'leader',
      email: 'chutich.tanninh@tayninh.gov.vn',
      phone: '0276000013',
    },
    {
      username: 'tiepnhan.thanhhoa',
      fullName: 'Đỗ Thị Kim Loan',
      kind: 'officer',
      unit: thanhHoa,
      role: 'receiving_officer',
      email: 'motcua.thanhhoa@tayninh.gov.vn',
      phone: '0272000021',
    },
    // Văn thư (issue #14): of UBND tỉnh (working in its Văn phòng), of Sở Xây dựng, of UBND
    // phường Tân Ninh. Each keeps the registers of the agency the grant names.
    {
      username: 'vanthu',
      fullName: 'Phan Thị Bích Ngọc',
      kind: 'officer',
      unit: units.province,
      primary: units.office,
      role: 'clerk',
      email: 'vanthu.ubnd@tayninh.gov.vn',
      phone: '0276000021',
    },
    {
      username: 'vanthu.xd',
      fullName: 'Lê Thị Hồng Nhung',
      kind: 'officer',
      unit: units.construction,
      role: 'clerk',
      email: 'vanthu.sxd@tayninh.gov.vn',
      phone: '0276000022',
    },
    {
      username: 'vanthu.xa',
      fullName: 'Huỳnh Văn Lộc',
      kind: 'officer',
      unit: tanNinh,
      role: 'clerk',
      email: 'vanthu.tanninh@tayninh.gov.vn',
      phone: '0276000023',
    },
    // UBND tỉnh (issue #14): a Phó Chủ tịch who directs the documents the province receives, and
    // a chuyên viên of its Văn phòng who processes them.
    {
      username: 'lanhdao.ubnd',
      fullName: 'Trần Quốc Khánh',
      kind: 'officer',
      unit: units.province,
      role: 'leader',
      email: 'pct.ubnd@tayninh.gov.vn',
      phone: '0276000031',
    },
    {
      username: 'chuyenvien.vp',
      fullName: 'Ngô Thị Thanh Trúc',
      kind: 'officer',
      unit: units.office,
      role: 'specialist',
      email: 'chuyenvien.vp@tayninh.gov.vn',
      phone: '0276000032',
    },
    {
      username: 'congdan',
      fullName: 'Võ Thị Ngọc Ánh',
      kind: 'citizen',
      unit: null,
      role: 'citizen',
      email: 'congdan@example.vn',
      phone: '0912345678',
      identity: '072190001234',
    },
    {
      username: 'congdan2',
      fullName: 'Đặng Văn Tùng',
      kind: 'citizen',
      unit: null,
      role: 'citizen',
      email: 'congdan2@example.vn',
      phone: '0987654321',
      identity: '072088005678',
    },
  ];
  return insertUsersWithGrants(
    db,
    people
      .filter((person) => options.clerks || person.role !== 'clerk')
      .map((person) => ({
        username: person.username,
        fullName: person.fullName,
        email: person.email,
        phone: person.phone,
        kind: person.kind,
        identityNumber: person.identity ?? null,
        primaryUnitId: person.primary ?? person.unit,
        passwordHash,
        grants: [{ role: person.role, unitId: person.unit, includeSubtree: person.subtree ?? false }],
      })),
  );
}
