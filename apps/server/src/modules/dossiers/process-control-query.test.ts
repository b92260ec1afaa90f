import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type TestContext } from '../../test/harness';
import { principalOf, seedDossier } from '../../test/dossier-history';
import { readPdf } from '../../test/pdf-text';
import { CalendarService } from '../calendar';
import { Value } from 'typebox/value';
import { processControl, ProcessControlSchema } from './process-control-query';

/** Vietnam time in March–April 2026 (no holidays before Giỗ Tổ on 26/4). */
const at = (date: string, clock: string) => `2026-${date}T${clock}+07:00`;

describe('process control slip (Mẫu 05) of a dossier through two agencies', () => {
  let ctx: TestContext;
  let code: string;
  let calendar: CalendarService;
  beforeAll(async () => {
    ctx = await startTestApp();
    calendar = new CalendarService(ctx.handle.db);
    const db = ctx.handle.db;
    const id = async (username: string) =>
      (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow())
        .id;
    const justice = await db
      .selectFrom('units')
      .select('id')
      .where('agency_code', '=', '000.00.14.H53')
      .executeTakeFirstOrThrow();
    const taskId = randomUUID();
    // The permit's default internal procedure (20 working days = 160 h): reception 4 h,
    // appraisal 148 h, approval 4 h, return 4 h.
    code = await seedDossier(db, {
      applicantUsername: 'congdan',
      applicant: { fullName: 'Võ Thị Ngọc Ánh', address: 'Phường Tân Ninh', phone: '0912345678' },
      history: [
        [{ type: 'submitted', at: at('03-09', '08:00:00'), channel: 'online' }, 'congdan', null],
        [
          { type: 'accepted', at: at('03-09', '09:30:00'), dueAt: at('04-06', '09:30:00') },
          'tiepnhan',
          'receiving',
        ],
        [
          { type: 'assigned', at: at('03-09', '10:00:00'), assigneeId: await id('chuyenvien.xd') },
          'lanhdao.xd',
          'handling',
        ],
        [
          {
            type: 'forwarded',
            at: at('03-09', '14:00:00'),
            taskId,
            unitId: justice.id,
            dueAt: at('03-11', '14:00:00'),
            task: 'Xác minh tình trạng pháp lý của thửa đất',
          },
          'chuyenvien.xd',
          'handling',
        ],
        [
          { type: 'task_completed', at: at('03-11', '14:00:40'), taskId, note: 'Không có tranh chấp' },
          'chuyenvien',
          '000.00.14.H53',
        ],
        // Twenty working days after acceptance: over the 148 hours of appraisal.
        [{ type: 'sent_for_approval', at: at('04-06', '09:30:00') }, 'chuyenvien.xd', 'handling'],
        // 09:30 → 15:30 across lunch: exactly the 4 hours of approval.
        [{ type: 'approved', at: at('04-06', '15:30:00') }, 'lanhdao.xd', 'handling'],
        [
          { type: 'result_returned', at: at('04-07', '08:00:00'), method: 'counter' },
          'tiepnhan',
          'receiving',
        ],
      ],
    });
  });
  afterAll(async () => ctx.close());

  it('gives the hand-overs with their verdicts as JSON', async () => {
    const control = await processControl(
      ctx.handle.db,
      calendar,
      await principalOf(ctx.handle.db, 'tiepnhan'),
      code,
    );
    expect(control).toMatchObject({
      code,
      handlingUnit: { name: 'Sở Xây dựng' },
      coordinatingUnits: ['Sở Tư pháp'],
      applicantName: 'Võ Thị Ngọc Ánh',
      receivedAt: '2026-03-09T09:30:00+07:00',
    });
    expect(
      control.rows.map((row) => [row.event, row.giver.person, row.receiver.person, row.verdictName]),
    ).toEqual([
      ['accepted', 'Nguyễn Thị Thu Hà', 'Huỳnh Minh Tâm', 'Trước hạn'],
      ['assigned', 'Huỳnh Minh Tâm', 'Phạm Quốc Bảo', null],
      ['forwarded', 'Phạm Quốc Bảo', 'Trần Văn Minh', null],
      ['task_completed', 'Trần Văn Minh', 'Phạm Quốc Bảo', 'Đúng hạn'],
      ['sent_for_approval', 'Phạm Quốc Bảo', 'Huỳnh Minh Tâm', 'Quá hạn'],
      ['approved', 'Huỳnh Minh Tâm', 'Nguyễn Thị Thu Hà', 'Đúng hạn'],
      ['result_returned', 'Nguyễn Thị Thu Hà', 'Võ Thị Ngọc Ánh', 'Trước hạn'],
    ]);
    expect(control.rows[4]).toMatchObject({
      at: '2026-04-06T09:30:00+07:00',
      step: { codes: ['tham-dinh'] },
      workingMinutes: 20 * 480,
      budgetMinutes: 148 * 60,
    });
    expect(control.rows[3]!.deadline).toBe('2026-03-11T14:00:00+07:00');
    // The answer fits the response schema the route will declare.
    expect(Value.Check(ProcessControlSchema, control)).toBe(true);
  });

  it('shows it to the applicant and the officers of its units only', async () => {
    const ask = async (username: string) =>
      processControl(ctx.handle.db, calendar, await principalOf(ctx.handle.db, username), code);
    await expect(ask('congdan')).resolves.toMatchObject({ code });
    await expect(ask('lanhdao.xd')).resolves.toMatchObject({ code });
    await expect(ask('congdan2')).rejects.toMatchObject({ status: 404 });
    // Sở Tư pháp saw the dossier only while it held its task.
    await expect(ask('chuyenvien')).rejects.toMatchObject({ status: 404 });
  });

  it('prints Mẫu 05 on A4 with the units, the times in words, the people and the verdicts', async () => {
    const response = await as(
      ctx.app,
      await login(ctx.app, 'lanhdao.xd'),
    )({ method: 'GET', url: `/api/dossiers/${code}/slips/control.pdf` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = await readPdf(response.rawPayload);
    expect(Math.round(pdf.width)).toBe(595); // 210 mm
    expect(Math.round(pdf.height)).toBe(842); // 297 mm
    expect(pdf.text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(pdf.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(pdf.text).toContain(`Mã hồ sơ: ${code}`);
    expect(pdf.text).toContain('THỜI GIAN GIAO, NHẬN HỒ SƠ');
    expect(pdf.text).toContain('1. Giao: Trung tâm Phục vụ hành chính công tỉnh Tây Ninh');
    expect(pdf.text).toContain('2. Nhận: Sở Tư pháp');
    expect(pdf.text).toContain('2. Nhận: Tổ chức, cá nhân');
    expect(pdf.text).toContain('9 giờ 30 phút, ngày 09 tháng 03 năm 2026');
    expect(pdf.text).toContain('Người nhận: Trần Văn Minh');
    expect(pdf.text).toContain('Cơ quan phối hợp giải quyết hồ sơ: Sở Tư pháp');
    for (const verdict of ['Trước hạn', 'Đúng hạn', 'Quá hạn']) expect(pdf.text).toContain(verdict);
    expect(pdf.text).toContain('đã dùng 160 giờ; quy định 148 giờ');
    expect(pdf.text).toContain('Xác minh tình trạng pháp lý của thửa đất');
    expect(pdf.text).toMatch(/Trang 1\/\d/);
  });

  it('is refused to others, and not available before the dossier is accepted', async () => {
    const other = await login(ctx.app, 'congdan2');
    expect(
      (await as(ctx.app, other)({ method: 'GET', url: `/api/dossiers/${code}/slips/control.pdf` }))
        .statusCode,
    ).toBe(404);
    const pending = await seedDossier(ctx.handle.db, {
      applicantUsername: 'congdan',
      history: [[{ type: 'submitted', at: at('03-10', '08:00:00'), channel: 'online' }, 'congdan', null]],
    });
    const response = await as(
      ctx.app,
      await login(ctx.app, 'congdan'),
    )({ method: 'GET', url: `/api/dossiers/${pending}/slips/control.pdf` });
    expect(response.statusCode).toBe(409);
    expect(problem(response)).toMatchObject({ code: 'slip_not_available' });
    expect(problem(response).detail).toContain('phiếu kiểm soát');
  });
});
