import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';
import { demoProcedures } from '../../db/seed/procedures';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('procedure catalogue', () => {
  let ctx: TestContext;
  let admin: Session;
  beforeAll(async () => {
    ctx = await startTestApp();
    admin = await login(ctx.app, 'admin');
  });
  afterAll(async () => ctx.close());

  const search = async (query: string) =>
    (await ctx.app.inject({ method: 'GET', url: `/api/procedures?${query}` })).json<{
      items: Array<{ code: string; name: string; onlineLevel: number | null }>;
      total: number;
    }>();

  it('holds the demo catalogue: 50 real procedures, at least 30 with forms, across fields and levels', async () => {
    const all = await search('pageSize=200');
    expect(all.total).toBe(50);
    const fields = (await ctx.app.inject({ method: 'GET', url: '/api/procedure-fields' })).json<
      Array<{ count: number }>
    >();
    expect(fields.length).toBeGreaterThan(10);
    expect((await search('level=province&pageSize=1')).total).toBe(15);
    expect((await search('level=commune&pageSize=1')).total).toBe(35);
  });

  it.each(['khai sinh', 'Khai Sinh', 'dang ky khai sinh', 'ĐĂNG KÝ KHAI SINH', 'đăng ký khai sinh'])(
    'finds "Đăng ký khai sinh" first for %s',
    async (q) => {
      const result = await search(`q=${encodeURIComponent(q)}`);
      expect(result.items[0]).toMatchObject({ code: '1.001193', name: 'Thủ tục đăng ký khai sinh' });
    },
  );

  it('finds by code, filters, and paginates', async () => {
    expect((await search('q=1.001193')).items[0]!.code).toBe('1.001193');
    const online = await search('onlineClass=toan-trinh&pageSize=100');
    expect(online.total).toBeGreaterThan(0);
    expect(online.items.every((item) => item.onlineLevel === 4)).toBe(true);
    const page1 = await search('q=dang ky&pageSize=2&page=1');
    const page2 = await search('q=dang ky&pageSize=2&page=2');
    expect(page1.items).toHaveLength(2);
    expect(page2.total).toBe(page1.total);
    expect(page2.items[0]!.code).not.toBe(page1.items[0]!.code);
    expect((await search('q=%22%27%3B%20drop%20table%20units%3B--')).total).toBe(0);
    expect((await search('q=zzzqqq')).items).toEqual([]);
  });

  it('serves the full record: documents, times and fees per channel, legal basis, steps and form', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/procedures/1.001193' });
    expect(response.statusCode).toBe(200);
    const procedure = response.json();
    expect(procedure.channels.length).toBeGreaterThan(0);
    // The paper declaration at the counter and by post; online the e-form is the declaration.
    expect(procedure.documents[0]).toMatchObject({
      code: 'to-khai',
      required: true,
      channels: ['counter', 'post'],
    });
    // The record of abandonment only for an abandoned child (thành phần hồ sơ theo trường hợp).
    expect(procedure.documents).toContainEqual(
      expect.objectContaining({ code: 'bien-ban-bo-roi', cases: ['tre-bi-bo-roi'] }),
    );
    expect(procedure.subCases).toContainEqual(
      expect.objectContaining({ code: 'tre-bi-bo-roi', group: 'Giấy tờ chứng minh việc sinh' }),
    );
    expect(procedure.legalBasis.length).toBeGreaterThan(0);
    expect(procedure.steps.map((step: { code: string }) => step.code)).toEqual([
      'tiep-nhan',
      'tham-dinh',
      'phe-duyet',
      'tra-ket-qua',
    ]);
    // The fields of the Tờ khai đăng ký khai sinh (TT 04/2024/TT-BTP), its source cited.
    expect(procedure.formSchema.properties.child.title).toBe('Thông tin về người được khai sinh');
    expect(Object.keys(procedure.formSchema.properties.mother.properties)).toContain('motherIdentityNumber');
    expect(procedure.formSchema.description).toContain('Thông tư số 04/2024/TT-BTP');
    expect(procedure.legalBasis).toContain('04/2024/TT-BTP');
    expect(problem(await ctx.app.inject({ method: 'GET', url: '/api/procedures/9.999999' })).code).toBe(
      'not_found',
    );
    expect((await ctx.app.inject({ method: 'GET', url: '/api/procedures/abc' })).statusCode).toBe(400);
  });

  it('versions changes: a new version from its effective date, the old one kept', async () => {
    const call = as(ctx.app, admin);
    // The editor's own export (with the internal notes), as the catalogue page downloads it.
    const current = (await call({ method: 'GET', url: '/api/catalogue/export.json' }))
      .json<Array<Record<string, unknown>>>()
      .find((p) => p.code === '1.001193')!;
    const unchanged = await call({ method: 'PUT', url: '/api/admin/procedures/1.001193', payload: current });
    expect(unchanged.json().status).toBe('unchanged');

    const changed = { ...current, name: 'Thủ tục đăng ký khai sinh (sửa đổi)', effectiveFrom: '2026-01-01' };
    const updated = await call({ method: 'PUT', url: '/api/admin/procedures/1.001193', payload: changed });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().procedure).toMatchObject({ version: 2, effectiveFrom: '2026-01-01' });
    const old = await ctx.app.inject({ method: 'GET', url: '/api/procedures/1.001193?at=2025-12-31' });
    expect(old.json()).toMatchObject({
      version: 1,
      name: 'Thủ tục đăng ký khai sinh',
      effectiveUntil: '2026-01-01',
    });
    // The search shows only the version in force: one entry, with the new name.
    const found = await search('q=dang ky khai sinh');
    expect(found.items.filter((item) => item.code === '1.001193')).toEqual([
      expect.objectContaining({ name: 'Thủ tục đăng ký khai sinh (sửa đổi)' }),
    ]);
    const versions = await ctx.app.inject({ method: 'GET', url: '/api/procedures/1.001193/versions' });
    expect(versions.json<Array<{ version: number }>>().map((v) => v.version)).toEqual([2, 1]);
    const backdated = await call({
      method: 'PUT',
      url: '/api/admin/procedures/1.001193',
      payload: { ...changed, name: 'Lùi ngày', effectiveFrom: '2025-01-01' },
    });
    expect(problem(backdated).errors![0]!.code).toBe('before_current');
  });

  it('records the reason of an edit or an import in the audit log, not in the record', async () => {
    const call = as(ctx.app, admin);
    // The editor's own export (with the internal notes), as the catalogue page downloads it.
    const current = (await call({ method: 'GET', url: '/api/catalogue/export.json' }))
      .json<Array<Record<string, unknown>>>()
      .find((p) => p.code === '1.000894')!;
    const reason = 'Cập nhật theo Quyết định công bố mới';
    const response = await call({
      method: 'PUT',
      url: '/api/admin/procedures/1.000894',
      payload: { ...current, result: 'Kết quả (sửa đổi)', reason },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().procedure).not.toHaveProperty('reason');
    const audit = await call({
      method: 'GET',
      url: '/api/admin/audit?entityType=procedure&entityId=1.000894',
    });
    expect(audit.json().items[0]).toMatchObject({ action: 'procedure.new_version', reason });
    const imported = await call({
      method: 'POST',
      url: `/api/admin/procedures/import?reason=${encodeURIComponent('Nhập lại danh mục')}`,
      payload: [{ ...current, result: 'Kết quả (nhập lại)' }],
    });
    expect(imported.json()).toMatchObject({ updated: 1 });
    const after = await call({
      method: 'GET',
      url: '/api/admin/audit?entityType=procedure&entityId=1.000894',
    });
    expect(after.json().items[0]).toMatchObject({ reason: 'Nhập lại danh mục' });
  });

  it('rejects invalid records with field errors and checks step budgets', async () => {
    const call = as(ctx.app, admin);
    const base = demoProcedures()[0]!;
    const bad = await call({
      method: 'POST',
      url: '/api/admin/procedures',
      payload: {
        ...base,
        code: '1.999001',
        steps: [{ code: 'a', name: 'Một bước', role: 'specialist', hours: 1 }],
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(problem(bad).errors![0]).toMatchObject({ field: '/steps', code: 'budget_mismatch' });
    const exists = await call({ method: 'POST', url: '/api/admin/procedures', payload: base });
    expect(problem(exists).code).toBe('procedure_exists');
    const created = await call({
      method: 'POST',
      url: '/api/admin/procedures',
      payload: { ...base, code: '1.999001', name: 'Thủ tục thử nghiệm mới' },
    });
    expect(created.statusCode).toBe(201);
    expect((await search('q=thu nghiem moi')).items[0]!.code).toBe('1.999001');
  });

  it('imports JSON all-or-nothing with row-level errors', async () => {
    const call = as(ctx.app, admin);
    const [first, second] = demoProcedures();
    const rows = [
      { ...first!, code: '1.888001', name: 'Nhập thử một' },
      { ...second!, code: '1.888002', name: 'Nhập thử hai', handlingUnitCode: '000.00.99.H53' },
    ];
    const failed = await call({ method: 'POST', url: '/api/admin/procedures/import', payload: rows });
    expect(failed.statusCode).toBe(422);
    expect(problem(failed).errors).toEqual([
      expect.objectContaining({ field: '/1/handlingUnitCode', code: 'unit_not_found' }),
    ]);
    expect((await search('q=1.888001')).total).toBe(0);

    const schemaFailure = await call({
      method: 'POST',
      url: '/api/admin/procedures/import',
      payload: [{ ...rows[0], levels: ['galaxy'] }],
    });
    expect(problem(schemaFailure).errors![0]!.field).toBe('/0/levels/0');

    rows[1]!.handlingUnitCode = '000.00.14.H53';
    const dryRun = await call({
      method: 'POST',
      url: '/api/admin/procedures/import?dryRun=true',
      payload: rows,
    });
    expect(dryRun.json()).toMatchObject({ dryRun: true, created: 2 });
    expect((await search('q=1.888001')).total).toBe(0);
    const done = await call({ method: 'POST', url: '/api/admin/procedures/import', payload: rows });
    expect(done.json()).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const twice = await call({ method: 'POST', url: '/api/admin/procedures/import', payload: rows });
    expect(twice.json()).toMatchObject({ created: 0, unchanged: 2 });
  });

  it('round-trips the catalogue through Excel, and reports bad rows by sheet and row', async () => {
    const call = as(ctx.app, admin);
    // The editor's own export (with the internal notes), as the catalogue page downloads it.
    const exported = await call({ method: 'GET', url: '/api/catalogue/export.xlsx' });
    expect(exported.headers['content-type']).toBe(XLSX);
    const reimport = await call({
      method: 'POST',
      url: '/api/admin/procedures/import.xlsx',
      headers: { 'content-type': XLSX },
      payload: exported.rawPayload,
    });
    expect(reimport.statusCode).toBe(200);
    expect(reimport.json()).toMatchObject({ created: 0, updated: 0 });
    expect(reimport.json().unchanged).toBeGreaterThanOrEqual(50);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Thủ tục')!;
    sheet.getRow(3).getCell(1).value = 'không-phải-mã';
    sheet.getRow(4).getCell(2).value = 'Tên mới từ Excel';
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());
    const failed = await call({
      method: 'POST',
      url: '/api/admin/procedures/import.xlsx',
      headers: { 'content-type': XLSX },
      payload: edited,
    });
    expect(failed.statusCode).toBe(422);
    const fields = problem(failed).errors!.map((error) => error.field);
    expect(fields).toContain('Thủ tục!R3/code');
    const renamedCode = String(sheet.getRow(4).getCell(1).value);
    expect(
      (await ctx.app.inject({ method: 'GET', url: `/api/procedures/${renamedCode}` })).json().name,
    ).not.toBe('Tên mới từ Excel');

    const garbage = await call({
      method: 'POST',
      url: '/api/admin/procedures/import.xlsx',
      headers: { 'content-type': XLSX },
      payload: Buffer.from('not a workbook'),
    });
    expect(problem(garbage).errors![0]!.code).toBe('not_xlsx');
  });

  it('lets only catalogue managers edit', async () => {
    const officer = await login(ctx.app, 'chuyenvien');
    const response = await as(
      ctx.app,
      officer,
    )({ method: 'POST', url: '/api/admin/procedures/import', payload: [demoProcedures()[0]] });
    expect(response.statusCode).toBe(403);
  });
});
