import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';

interface UnitNode {
  id: number;
  name: string;
  kind: string;
  agencyCode: string | null;
  adminAreaCode: string | null;
  children: UnitNode[];
}

describe('administrative tree', () => {
  let ctx: TestContext;
  let admin: Session;
  beforeAll(async () => {
    ctx = await startTestApp();
    admin = await login(ctx.app, 'admin');
  });
  afterAll(async () => ctx.close());

  const tree = async (at: string) =>
    (await ctx.app.inject({ method: 'GET', url: `/api/units/tree?at=${at}` })).json<UnitNode[]>();
  const province = (roots: UnitNode[]) => roots.find((root) => root.agencyCode === '000.00.00.H53')!;

  it('shows the 2019 three-tier hierarchy: province → 9 districts → their communes', async () => {
    const roots = await tree('2019-12-31');
    expect(roots.map((root) => root.name).sort()).toEqual([
      'Ủy ban nhân dân tỉnh Long An',
      'Ủy ban nhân dân tỉnh Tây Ninh',
    ]);
    const children = province(roots).children;
    const districts = children.filter((child) => child.kind === 'district');
    expect(districts).toHaveLength(9);
    expect(districts.map((d) => d.adminAreaCode).sort()).toEqual([
      '703',
      '705',
      '706',
      '707',
      '708',
      '709',
      '710',
      '711',
      '712',
    ]);
    for (const district of districts) expect(district.children.length).toBeGreaterThanOrEqual(2);
    expect(districts.reduce((total, d) => total + d.children.length, 0)).toBe(95);
    const departments = children.filter((child) => child.kind === 'department');
    expect(departments.length).toBeGreaterThanOrEqual(10);
    expect(departments.map((d) => d.name)).toContain('Sở Tư pháp');
    const office = children.find((child) => child.agencyCode === '000.00.01.H53')!;
    expect(office.children.map((c) => c.name)).toContain('Trung tâm Phục vụ hành chính công tỉnh Tây Ninh');
  });

  it('shows the two-tier hierarchy since 1/7/2025: province → 96 communes, Long An merged', async () => {
    const roots = await tree('2026-01-15');
    expect(roots).toHaveLength(1);
    const children = province(roots).children;
    expect(children.filter((child) => child.kind === 'district')).toHaveLength(0);
    expect(children.filter((child) => child.kind === 'commune')).toHaveLength(96);
  });

  it('keeps history: a 2025 ward lists the 2019 communes it was formed from', async () => {
    const list = await ctx.app.inject({ method: 'GET', url: '/api/units?q=phuong tan ninh&at=2026-01-01' });
    const ward = list.json<{ items: Array<{ id: number; name: string }> }>().items[0]!;
    expect(ward.name).toBe('Ủy ban nhân dân phường Tân Ninh');
    const detail = (await ctx.app.inject({ method: 'GET', url: `/api/units/${ward.id}` })).json<{
      predecessors: Array<{ name: string; effectiveDate: string }>;
    }>();
    expect(detail.predecessors.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Ủy ban nhân dân phường 1', 'Ủy ban nhân dân phường Hiệp Ninh']),
    );
    expect(detail.predecessors[0]!.effectiveDate).toBe('2025-07-01');
  });

  it('lets the system admin add, rename and close a unit, with successors and audit', async () => {
    const call = as(ctx.app, admin);
    const created = await call({
      method: 'POST',
      url: '/api/admin/units',
      payload: {
        name: 'Sở Thử nghiệm',
        kind: 'department',
        tier: 'province',
        parentId: 1,
        agencyCode: '000.00.90.H53',
        validFrom: '2026-01-01',
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: number }>().id;
    const duplicate = await call({
      method: 'POST',
      url: '/api/admin/units',
      payload: {
        name: 'Trùng mã',
        kind: 'department',
        tier: 'province',
        parentId: 1,
        agencyCode: '000.00.90.H53',
        validFrom: '2026-01-01',
      },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(problem(duplicate).code).toBe('agency_code_taken');

    const renamed = await call({
      method: 'PATCH',
      url: `/api/admin/units/${id}`,
      payload: { name: 'Sở Thử nghiệm và Đổi mới', reason: 'Theo quyết định đổi tên' },
    });
    expect(renamed.json().name).toBe('Sở Thử nghiệm và Đổi mới');

    const closed = await call({
      method: 'POST',
      url: `/api/admin/units/${id}/close`,
      payload: {
        closedOn: '2026-06-01',
        successors: [{ unitId: 1, whole: true }],
        legalBasis: 'QĐ 1/QĐ-UBND',
        reason: 'Sáp nhập',
      },
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().validUntil).toBe('2026-06-01');
    const again = await call({
      method: 'POST',
      url: `/api/admin/units/${id}/close`,
      payload: { closedOn: '2026-07-01', successors: [], legalBasis: 'x', reason: 'x' },
    });
    expect(problem(again).code).toBe('unit_closed');

    const audit = await call({ method: 'GET', url: `/api/admin/audit?entityType=unit&entityId=${id}` });
    expect(
      audit.json<{ items: Array<{ action: string; actorLabel: string }> }>().items.map((e) => e.action),
    ).toEqual(['unit.close', 'unit.update', 'unit.create']);
  });

  it('refuses to close a unit that still has open sub-units', async () => {
    const office = (await ctx.app.inject({ method: 'GET', url: '/api/units?q=000.00.01.H53' })).json<{
      items: Array<{ id: number }>;
    }>().items[0]!;
    const response = await as(
      ctx.app,
      admin,
    )({
      method: 'POST',
      url: `/api/admin/units/${office.id}/close`,
      payload: { closedOn: '2026-06-01', successors: [], legalBasis: 'x', reason: 'x' },
    });
    expect(response.statusCode).toBe(409);
    expect(problem(response).code).toBe('unit_has_open_children');
  });
});

describe('users and roles', () => {
  let ctx: TestContext;
  let admin: Session;
  let justiceId: number;
  let constructionId: number;
  beforeAll(async () => {
    ctx = await startTestApp();
    admin = await login(ctx.app, 'admin');
    const find = async (code: string) =>
      (await ctx.app.inject({ method: 'GET', url: `/api/units?q=${code}` })).json<{
        items: Array<{ id: number }>;
      }>().items[0]!.id;
    justiceId = await find('000.00.14.H53');
    constructionId = await find('000.00.16.H53');
  });
  afterAll(async () => ctx.close());

  it('creates an officer, grants roles in a unit, and records each change', async () => {
    const call = as(ctx.app, admin);
    const weak = await call({
      method: 'POST',
      url: '/api/admin/users',
      payload: {
        username: 'qt.stp',
        fullName: 'Ngô Thị Lan',
        kind: 'officer',
        primaryUnitId: justiceId,
        password: 'ngan',
      },
    });
    expect(weak.statusCode).toBe(422);
    expect(problem(weak).errors?.[0]?.code).toBe('weak_password');

    const created = await call({
      method: 'POST',
      url: '/api/admin/users',
      payload: {
        username: 'qt.stp',
        fullName: 'Ngô Thị Lan',
        kind: 'officer',
        primaryUnitId: justiceId,
        password: 'MatKhau2026Manh',
      },
    });
    expect(created.statusCode).toBe(201);
    const userId = created.json<{ id: number }>().id;
    const granted = await call({
      method: 'POST',
      url: `/api/admin/users/${userId}/roles`,
      payload: { role: 'agency_admin', unitId: justiceId, includeSubtree: true },
    });
    expect(granted.json().roles).toEqual([
      expect.objectContaining({ role: 'agency_admin', roleName: 'Quản trị cơ quan', includeSubtree: true }),
    ]);
    const duplicate = await call({
      method: 'POST',
      url: `/api/admin/users/${userId}/roles`,
      payload: { role: 'agency_admin', unitId: justiceId },
    });
    expect(problem(duplicate).code).toBe('role_already_granted');

    const taken = await call({
      method: 'POST',
      url: '/api/admin/users',
      payload: {
        username: 'qt.stp',
        fullName: 'Trùng',
        kind: 'officer',
        primaryUnitId: justiceId,
        password: 'MatKhau2026Manh',
      },
    });
    expect(problem(taken).code).toBe('username_taken');

    const audit = await call({ method: 'GET', url: `/api/admin/audit?entityType=user&entityId=${userId}` });
    expect(audit.json<{ items: Array<{ action: string }> }>().items.map((e) => e.action)).toEqual([
      'user.grant_role',
      'user.create',
    ]);
  });

  it('scopes an agency admin to their own agency', async () => {
    const agencyAdmin = await login(ctx.app, 'qt.stp', 'MatKhau2026Manh');
    const call = as(ctx.app, agencyAdmin);
    const own = await call({
      method: 'POST',
      url: '/api/admin/users',
      payload: {
        username: 'cv2.stp',
        fullName: 'Hồ Văn Nam',
        kind: 'officer',
        primaryUnitId: justiceId,
        password: 'MatKhau2026Manh',
      },
    });
    expect(own.statusCode).toBe(201);
    const other = await call({
      method: 'POST',
      url: '/api/admin/users',
      payload: {
        username: 'cv2.sxd',
        fullName: 'Không được',
        kind: 'officer',
        primaryUnitId: constructionId,
        password: 'MatKhau2026Manh',
      },
    });
    expect(other.statusCode).toBe(403);
    const grantAdmin = await call({
      method: 'POST',
      url: `/api/admin/users/${own.json<{ id: number }>().id}/roles`,
      payload: { role: 'system_admin', unitId: justiceId },
    });
    expect(grantAdmin.statusCode).toBe(403);

    const listed = await call({ method: 'GET', url: '/api/admin/users?pageSize=100' });
    const usernames = listed.json<{ items: Array<{ username: string }> }>().items.map((u) => u.username);
    expect(usernames).toEqual(expect.arrayContaining(['chuyenvien', 'lanhdao', 'qt.stp', 'cv2.stp']));
    expect(usernames).not.toContain('chuyenvien.xd');
    expect(usernames).not.toContain('congdan');

    const xdUser = (
      await as(ctx.app, admin)({ method: 'GET', url: '/api/admin/users?q=chuyenvien.xd' })
    ).json<{ items: Array<{ id: number }> }>().items[0]!;
    expect((await call({ method: 'GET', url: `/api/admin/users/${xdUser.id}` })).statusCode).toBe(403);
    expect(
      (
        await call({
          method: 'PATCH',
          url: `/api/admin/users/${xdUser.id}`,
          payload: { status: 'disabled', reason: 'thử' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('disables an account and ends its sessions; revokes roles with a reason', async () => {
    const victim = await login(ctx.app, 'chuyenvien.xd');
    const call = as(ctx.app, admin);
    const xd = (await call({ method: 'GET', url: '/api/admin/users?q=chuyenvien.xd' })).json<{
      items: Array<{ id: number; roles: Array<{ id: number }>; identityNumberMasked: string | null }>;
    }>().items[0]!;
    const disabled = await call({
      method: 'PATCH',
      url: `/api/admin/users/${xd.id}`,
      payload: { status: 'disabled', reason: 'Nghỉ hưu' },
    });
    expect(disabled.json().status).toBe('disabled');
    expect((await as(ctx.app, victim)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(204);
    const revoked = await call({
      method: 'POST',
      url: `/api/admin/role-grants/${xd.roles[0]!.id}/revoke`,
      payload: { reason: 'Chuyển công tác' },
    });
    expect(revoked.json().roles).toEqual([]);
  });

  it('masks citizens identity numbers in listings', async () => {
    const citizens = await as(ctx.app, admin)({ method: 'GET', url: '/api/admin/users?kind=citizen' });
    const masked = citizens
      .json<{ items: Array<{ identityNumberMasked: string }> }>()
      .items.map((u) => u.identityNumberMasked);
    expect(masked).toContain('••••••••1234');
    expect(citizens.body).not.toContain('072190001234');
  });
});
