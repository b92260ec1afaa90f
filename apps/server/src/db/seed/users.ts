/** Demo accounts with fixed usernames (guides and checks rely on them). */
import type { Kysely } from 'kysely';
import type { Database, Role } from '../schema';
import { hashPassword } from '../../modules/auth/password';
import type { SeededUnits } from './units';

export const DEMO_USERNAMES = [
  'admin',
  'tiepnhan',
  'chuyenvien',
  'lanhdao',
  'chuyenvien.xd',
  'lanhdao.xd',
  'congdan',
  'congdan2',
] as const;

export async function seedUsers(
  db: Kysely<Database>,
  units: SeededUnits,
  password: string,
): Promise<Map<string, number>> {
  const passwordHash = await hashPassword(password);
  const people: Array<{
    username: string;
    fullName: string;
    kind: 'citizen' | 'officer';
    unit: number | null;
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
  const ids = new Map<string, number>();
  for (const person of people) {
    const user = await db
      .insertInto('users')
      .values({
        username: person.username,
        full_name: person.fullName,
        email: person.email,
        phone: person.phone,
        kind: person.kind,
        identity_number: person.identity ?? null,
        primary_unit_id: person.unit,
        password_hash: passwordHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('role_grants')
      .values({
        user_id: user.id,
        role: person.role,
        unit_id: person.unit,
        include_subtree: person.subtree ?? false,
      })
      .execute();
    ids.set(person.username, user.id);
  }
  return ids;
}
