import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../../test/harness';
import { submitPermit } from '../../../test/dossier-fixtures';

/** Text and page size as an independent reader (pdf.js) sees them. */
async function readPdf(bytes: Buffer) {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const page = await pdf.getPage(1);
  let text = '';
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const content = await (await pdf.getPage(number)).getTextContent();
    text += ` ${content.items.map((item) => ('str' in item ? item.str : '')).join(' ')}`;
  }
  text = text.replace(/\s+/g, ' ');
  const [, , width, height] = page.view;
  return { text, width: width!, height: height!, pages: pdf.numPages };
}

describe('TT 01/2018 slips as PDF', () => {
  let ctx: TestContext;
  let citizen: Session;
  let reception: Session;
  let code: string;
  beforeAll(async () => {
    ctx = await startTestApp({ publicBaseUrl: 'https://dichvucong.tayninh.gov.vn' });
    citizen = await login(ctx.app, 'congdan');
    reception = await login(ctx.app, 'tiepnhan');
    code = await submitPermit(ctx.app, citizen);
  });
  afterAll(async () => ctx.close());

  const slip = (session: Session, kind: string) =>
    as(ctx.app, session)({ method: 'GET', url: `/api/dossiers/${code}/slips/${kind}.pdf` });

  it('has no receipt before the dossier is accepted', async () => {
    const response = await slip(citizen, 'receipt');
    expect(response.statusCode).toBe(409);
    expect(problem(response).code).toBe('slip_not_available');
  });

  it('prints the supplement request (Mẫu 02) listing every item, in Vietnamese', async () => {
    await as(
      ctx.app,
      reception,
    )({
      method: 'POST',
      url: `/api/dossiers/${code}/actions`,
      payload: {
        type: 'request-supplement',
        items: ['Bản vẽ thiết kế xây dựng', 'Giấy chứng nhận quyền sử dụng đất'],
      },
    });
    const response = await slip(citizen, 'supplement');
    expect(response.headers['content-type']).toBe('application/pdf');
    const { text } = await readPdf(response.rawPayload);
    expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(text).toContain('Bản vẽ thiết kế xây dựng');
    expect(text).toContain('Giấy chứng nhận quyền sử dụng đất');
    expect(text).toContain('Nguyễn Thị Thu Hà');
  });

  it('prints the A5 receipt and appointment (Mẫu 01) with code, applicant, documents and dates', async () => {
    await as(
      ctx.app,
      citizen,
    )({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload: { type: 'supplement' } });
    await as(
      ctx.app,
      reception,
    )({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload: { type: 'accept' } });
    const response = await slip(reception, 'receipt');
    expect(response.statusCode).toBe(200);
    const pdf = await readPdf(response.rawPayload);
    expect(Math.round(pdf.width)).toBe(420); // 148 mm
    expect(Math.round(pdf.height)).toBe(595); // 210 mm
    expect(pdf.text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(pdf.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(pdf.text).toContain(code);
    expect(pdf.text).toContain('Võ Thị Ngọc Ánh');
    expect(pdf.text).toContain('Thời gian trả kết quả giải quyết hồ sơ');
    expect(pdf.text).toMatch(/giờ \d{2} phút, ngày \d{2} tháng \d{2} năm 20\d{2}/);
    expect(pdf.text).toContain(`https://dichvucong.tayninh.gov.vn/tra-cuu/${code}`);
    expect(pdf.text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(pdf.text).toContain('Nguyễn Thị Thu Hà');
    expect(pdf.pages).toBe(1);
  });

  it('serves slips only to those who may see the dossier', async () => {
    const other = await login(ctx.app, 'congdan2');
    expect((await slip(other, 'receipt')).statusCode).toBe(404);
    expect(
      (await as(ctx.app, citizen)({ method: 'GET', url: `/api/dossiers/${code}/slips/secret.pdf` }))
        .statusCode,
    ).toBe(400);
  });
});
