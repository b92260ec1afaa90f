/** The contracts of users and their roles: the shapes the routes answer and accept. */
import { Type, type Static } from 'typebox';
import { ROLES, type Role } from '../../db/schema';
import { StringEnum, Nullable } from '../../http/schemas';

export const ROLE_NAMES: Record<Role, string> = {
  citizen: 'Công dân, tổ chức',
  receiving_officer: 'Cán bộ tiếp nhận (Bộ phận Một cửa)',
  specialist: 'Chuyên viên xử lý',
  leader: 'Lãnh đạo phê duyệt',
  clerk: 'Văn thư (quản lý văn bản đi, đến)',
  agency_admin: 'Quản trị cơ quan',
  system_admin: 'Quản trị hệ thống',
};

const UnitRefOrNull = Nullable(
  Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    agencyCode: Nullable(Type.String()),
  }),
);

export const RoleGrantSchema = Type.Object({
  id: Type.Integer(),
  role: StringEnum(ROLES),
  roleName: Type.String(),
  unit: UnitRefOrNull,
  includeSubtree: Type.Boolean(),
});

export const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  fullName: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  kind: Type.Union([Type.Literal('citizen'), Type.Literal('officer')]),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  identityNumberMasked: Nullable(Type.String()),
  primaryUnit: UnitRefOrNull,
  roles: Type.Array(RoleGrantSchema),
});
export type UserOut = Static<typeof UserSchema>;

/** Personal identification numbers are shown masked except the last 4 digits (personal data). */
export function maskIdentity(value: string | null): string | null {
  return value ? `${'•'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}` : null;
}

export const CreateUserBody = Type.Object(
  {
    username: Type.String({
      pattern: '^[a-z0-9][a-z0-9._-]{2,63}$',
      description: 'lower case letters, digits, . _ -',
    }),
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    phone: Type.Optional(Nullable(Type.String({ pattern: '^(\\+84|0)[0-9]{9,10}$' }))),
    kind: Type.Union([Type.Literal('citizen'), Type.Literal('officer')]),
    identityNumber: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{12}$' }))),
    primaryUnitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    phone: Type.Optional(Nullable(Type.String({ pattern: '^(\\+84|0)[0-9]{9,10}$' }))),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
    primaryUnitId: Type.Optional(Type.Integer({ minimum: 1 })),
    identityNumber: Type.Optional(
      Nullable(Type.String({ pattern: '^[0-9]{12}$', description: 'Số định danh cá nhân (công dân)' })),
    ),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false, minProperties: 2 },
);

export const GrantRoleBody = Type.Object(
  {
    role: Type.Union(ROLES.filter((role) => role !== 'citizen').map((role) => Type.Literal(role))),
    unitId: Type.Integer({ minimum: 1 }),
    includeSubtree: Type.Optional(Type.Boolean()),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
