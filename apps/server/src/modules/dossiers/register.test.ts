import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';
import { seedDossier, type HistoryStep } from '../../test/dossier-history';
import { readPdf } from '../../test/pdf-text';
import { registerEntries } from './register';

const CENTRE = '000.02.01.H53';
const NAMES = [
  'Nguyễn Văn An',
  'Trần Thị Bình',
  'Lê Hoàng Cường',
  'Phạm Thị Dung',
  'Huỳnh Văn Đức',
  'Võ Thị Giàu',
  'Đặng Minh Hiếu',
  'Bùi Thị Khánh',
];
/** Working days of March 2026. */
const MARCH = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30, 31];
const at = (date: string, clock: string) => `2026-${date}T${clock}+07:00`;
const march = (day: number) => `03-${String(day).padStart(2, '0')}`;

/** A counter dossier received on `date`, then taken to one of six outcomes. */
function counterDossier(index: number, date: string): HistoryStep[] {
  const clock = `08:${String(index % 60).padStart(2, '0')}:00`;
  const history: HistoryStep[] = [
    [{ type: 'submitted', at: at(date, clock), channel: 'counter' }, 'tiepnhan', 'receiving'],
    [
      {
        type: 'accepted',
        at: at(date, `09:${String(index % 60).padStart(2, '0')}:00`),
        dueAt: at('04-28', '09:00:00'),
      },
      'tiepnhan',
      'receiving',
    ],
  ];
  const later = (clockTime: string) => at('04-02', clockTime);
  switch (index % 6) {
    case 0:
      history.push(
        [{ type: 'sent_for_approval', at: later('08:00:00') }, 'chuyenvien.xd', 'handling'],
        [{ type: 'approved', at: later('10:00:00') }, 'lanhdao.xd', 'handling'],
        [{ type: 'result_returned', at: later('15:00:00'), method: 'counter' }, 'tiepnhan', 'receiving'],
      );
      break;
    case 2:
      history.push(
        [{ type: 'sent_for_approval', at: later('08:00:00') }, 'chuyenvien.xd', 'handling'],
        [
          { type: 'rejected', at: later('10:00:00'), reason: 'Công trình không phù hợp quy hoạch' },
          'lanhdao.xd',
          'handling',
        ],
        [{ type: 'result_returned', at: later('15:00:00'), method: 'post' }, 'tiepnhan', 'receiving'],
      );
      break;
    case 3:
      history.push([{ type: 'withdrawn', at: later('08:00:00'), reason: 'Không có nhu cầu' }, null, null]);
      break;
    case 4:
      history.push([
        {
          type: 'apologised',
          at: later('08:00:00'),
          reason: 'Chờ ý kiến cơ quan liên quan',
          newDueAt: at('05-12', '09:00:00'),
        },
        'lanhdao.xd',
        'handling',
      ]);
      break;
    default:
      break;
  }
  return history;
}

describe('the dossier register (Mẫu 06)', () => {
  let ctx: TestContext;
  let reception: Session;
  let first: string;
  beforeAll(async () => {
    ctx = await startTestApp();
    const db = ctx.handle.db;
    // Two dossiers received in February: the March register continues their numbering.
    for (const date of ['02-10', '02-24'])
      await seedDossier(db, { channel: 'counter', history: counterDossier(1, date) });
    // Received one after the other: the last three on 31 March, a minute apart.
    for (let index = 0; index < 24; index += 1) {
      const code = await seedDossier(db, {
        channel: 'counter',
        applicant: {
          fullName: NAMES[index % NAMES.length]!,
          address: `Số ${index + 1} đường Cách Mạng Tháng Tám, phường Tân Ninh`,
          phone: `09123456${String(index).padStart(2, '0')}`,
        },
        history: counterDossier(index, march(MARCH[Math.min(index, MARCH.length - 1)]!)),
      });
      if (index === 0) first = code;
    }
    // Not in the March register: received in April, and never received.
    await seedDossier(db, { channel: 'counter', history: counterDossier(1, '04-01') });
    await seedDossier(db, {
      channel: 'counter',
      history: [
        [{ type: 'submitted', at: at('03-05', '08:00:00'), channel: 'counter' }, 'tiepnhan', 'receiving'],
      ],
    });
    reception = await login(ctx.app, 'tiepnhan');
  });
  afterAll(async () => ctx.close());

  const register = (session: Session, query: string) =>
    as(ctx.app, session)({ method: 'GET', url: `/api/registers/dossiers.pdf?${query}` });
  const MARCH_QUERY = `unit=${CENTRE}&from=2026-03-01&to=2026-03-31`;

  it('lists the dossiers received in the period, numbered on from the start of the year', async () => {
    const unit = await ctx.handle.db
      .selectFrom('units')
      .select('id')
      .where('agency_code', '=', CENTRE)
      .executeTakeFirstOrThrow();
    const entries = await registerEntries(ctx.handle.db, unit.id, '2026-03-01', '2026-03-31');
    expect(entries).toHaveLength(24);
    expect(entries.map((e) => e.number)).toEqual(Array.from({ length: 24 }, (_, i) => i + 3));
    expect(entries[0]).toMatchObject({
      code: first,
      sets: 1,
      applicant: { fullName: 'Nguyễn Văn An', phone: '0912345600' },
      handlingUnit: 'Sở Xây dựng',
      receivedAt: new Date(at('03-02', '09:00:00')).toISOString(),
      forwardedAt: new Date(at('03-02', '09:00:00')).toISOString(),
      dueAt: new Date(at('04-28', '09:00:00')).toISOString(),
      resultAt: new Date(at('04-02', '10:00:00')).toISOString(),
      returnMethod: 'counter',
      notes: ['Có kết quả trước hạn.'],
    });
    expect(entries[2]!.notes).toContain('Từ chối giải quyết: Công trình không phù hợp quy hoạch');
    expect(entries[3]!.notes).toEqual(['Tổ chức, cá nhân rút hồ sơ ngày 02/04/2026.']);
    expect(entries[4]!.notes).toEqual(['Xin lỗi, hẹn lại: 12/05/2026 09 giờ 00.']);
    expect(entries[1]).toMatchObject({ resultAt: null, returnedAt: null, notes: [] });
    // A new year starts again at 1.
    const yearEnd = await registerEntries(ctx.handle.db, unit.id, '2026-02-01', '2026-02-28');
    expect(yearEnd.map((e) => e.number)).toEqual([1, 2]);
  });

  it('prints them on A4 landscape pages with the header row repeated and page numbers', async () => {
    const response = await register(reception, MARCH_QUERY);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = await readPdf(response.rawPayload);
    expect(Math.round(pdf.width)).toBe(842); // 297 mm
    expect(Math.round(pdf.height)).toBe(595); // 210 mm
    expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
    expect(pdf.pages[0]).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(pdf.pages[0]).toContain('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH TÂY NINH');
    expect(pdf.pages[0]).toContain('Từ ngày 01/03/2026 đến ngày 31/03/2026');
    pdf.pages.forEach((page, index) => {
      for (const header of ['STT', 'Mã hồ sơ', 'Tên TTHC', 'Cơ quan chủ trì giải quyết', 'Ngày hẹn trả'])
        expect(page).toContain(header);
      expect(page).toContain('Ngày chuyển hồ sơ đến cơ quan giải quyết');
      expect(page).toContain(`Trang ${index + 1}/${pdf.pages.length}`);
    });
    expect(pdf.text).toContain(first);
    expect(pdf.text).toContain('Cấp giấy phép xây dựng');
    expect(pdf.text).toContain('Nguyễn Văn An');
    expect(pdf.text).toContain('Số 1 đường Cách Mạng Tháng Tám, phường Tân Ninh');
    expect(pdf.text).toContain('0912345600');
    expect(pdf.text).toContain('02/03/2026 09 giờ 00');
    expect(pdf.text).toContain('28/04/2026');
    expect(pdf.text).toContain('Có kết quả trước hạn');
    expect(pdf.text).toContain('Tổng số: 24 hồ sơ.');
    expect(pdf.text).not.toContain('01/04/2026 09 giờ 00');
  });

  it('takes the unit by id as well as by code, and prints an empty period', async () => {
    const unit = await ctx.handle.db
      .selectFrom('units')
      .select('id')
      .where('agency_code', '=', CENTRE)
      .executeTakeFirstOrThrow();
    const response = await register(reception, `unit=${unit.id}&from=2026-01-01&to=2026-01-31`);
    expect(response.statusCode).toBe(200);
    expect((await readPdf(response.rawPayload)).text).toContain(
      'Không có hồ sơ nào được tiếp nhận trong kỳ.',
    );
  });

  it("is refused to other agencies' officers and to citizens", async () => {
    for (const username of ['lanhdao.xd', 'chuyenvien', 'chuyenvien.xd', 'congdan']) {
      const response = await register(await login(ctx.app, username), MARCH_QUERY);
      expect(response.statusCode, username).toBe(403);
      expect(problem(response).detail).toContain('sổ theo dõi hồ sơ');
    }
    expect((await register(await login(ctx.app, 'admin'), MARCH_QUERY)).statusCode).toBe(200);
    expect(
      (await as(ctx.app, null)({ method: 'GET', url: `/api/registers/dossiers.pdf?${MARCH_QUERY}` }))
        .statusCode,
    ).toBe(401);
  });

  it('checks the unit and the period', async () => {
    const unknown = await register(reception, 'unit=000.99.99.H53&from=2026-03-01&to=2026-03-31');
    expect(unknown.statusCode).toBe(404);
    expect(problem(unknown).detail).toBe('Không tìm thấy đơn vị 000.99.99.H53.');
    expect((await register(reception, 'unit=999999&from=2026-03-01&to=2026-03-31')).statusCode).toBe(404);
    const reversed = await register(reception, `unit=${CENTRE}&from=2026-03-31&to=2026-03-01`);
    expect(problem(reversed).errors![0]).toMatchObject({ field: '/to', code: 'before_from' });
    expect((await register(reception, `unit=${CENTRE}&from=2026-01-01&to=2026-12-31`)).statusCode).toBe(200);
    const long = await register(reception, `unit=${CENTRE}&from=2026-01-01&to=2027-01-01`);
    expect(long.statusCode).toBe(422);
    expect(problem(long).errors![0]).toMatchObject({ code: 'period_too_long' });
    expect((await register(reception, `unit=${CENTRE}&from=2026-02-30&to=2026-03-01`)).statusCode).toBe(400);
    expect((await register(reception, `unit=abc&from=2026-03-01&to=2026-03-31`)).statusCode).toBe(400);
  });
});
