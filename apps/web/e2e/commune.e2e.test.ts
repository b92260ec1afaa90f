/**
 * The commune one-stop shop in the browser: a citizen registers a birth (1.001193) online at
 * phường Tân Ninh, answering which case applies (the hospital's birth certificate, the mother
 * submits herself) and asking for the electronic result; the ward's one-stop officer
 * (tiepnhan.xa) accepts it, the civil-status officer (hotich.xa) takes it and sends it for
 * approval, the chairman (chutich.xa) approves, the one-stop officer returns the result as a
 * file; the citizen downloads it and rates. The chairman's dashboard shows the ward's dossiers.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, useJourney } from './harness';
import { DOSSIER_CODE, officerAction, openFromQueue, pdfFile } from './flows';

const journey = useJourney();
const as = journey.as;

const next = (page: Page) => page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

describe('commune one-stop shop in Chromium: birth registration at phường Tân Ninh', () => {
  let code = '';

  it('a citizen submits a birth registration online, the documents asked being those of the case', async () => {
    const citizen = await as('congdan');
    await citizen.goto('/');
    await citizen.getByLabel('Tìm thủ tục hành chính').fill('dang ky khai sinh');
    await citizen.getByRole('link', { name: 'Thủ tục đăng ký khai sinh', exact: true }).first().click();
    await citizen.getByRole('heading', { level: 1, name: 'Thủ tục đăng ký khai sinh' }).waitFor();
    await citizen.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).first().click();
    await citizen.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();

    // Where: the ward, found without diacritics.
    await citizen
      .getByRole('combobox', { name: 'Ủy ban nhân dân cấp xã, phường nơi nộp hồ sơ' })
      .fill('tan ninh');
    await citizen.getByRole('option', { name: 'Ủy ban nhân dân phường Tân Ninh' }).click();
    await next(citizen);
    await citizen.waitForURL(/\/ho-so-nhap\//);

    // Which case applies: one answer per question, each required.
    await citizen.getByRole('heading', { name: 'Trường hợp của bạn' }).waitFor();
    await next(citizen);
    await citizen
      .getByTestId('error-summary')
      .getByText('Vui lòng chọn một câu trả lời: Giấy tờ chứng minh việc sinh.')
      .waitFor();
    await citizen.getByLabel('Có Giấy chứng sinh do cơ sở y tế cấp').check();
    await citizen.getByLabel('Không', { exact: true }).check();
    await citizen
      .getByLabel('Cha, mẹ, ông, bà, người thân thích hoặc người đang nuôi dưỡng trẻ tự nộp')
      .check();
    await screenshot(citizen, 'commune-cases');
    await expectAccessible(citizen, 'wizard, cases');
    await next(citizen);

    // The Tờ khai đăng ký khai sinh, page by page.
    await citizen.getByRole('heading', { name: 'Người đi đăng ký' }).waitFor();
    await citizen.getByLabel('Ngày, tháng, năm sinh').first().fill('1990-05-01');
    await citizen.getByLabel('Giấy tờ tùy thân: số định danh cá nhân').fill('072190001234');
    await citizen.getByLabel('Nơi cư trú').fill('Khu phố 1, phường Tân Ninh, tỉnh Tây Ninh');
    await citizen.getByLabel('Quan hệ với người được khai sinh').fill('Mẹ');
    await next(citizen);
    await citizen.getByRole('heading', { name: 'Thông tin về người được khai sinh' }).waitFor();
    await citizen.getByLabel('Họ, chữ đệm, tên').first().fill('Nguyễn Ngọc Bảo An');
    await citizen.getByLabel('Ngày, tháng, năm sinh').first().fill('2026-11-20');
    await citizen.getByLabel('Nữ').check();
    await citizen.getByLabel('Dân tộc').fill('Kinh');
    await citizen.getByLabel('Quốc tịch').fill('Việt Nam');
    await citizen.getByLabel('Nơi sinh').fill('Bệnh viện Đa khoa tỉnh Tây Ninh');
    await citizen.getByLabel('Quê quán').fill('Phường Tân Ninh, tỉnh Tây Ninh');
    await next(citizen);
    await citizen.getByRole('heading', { name: 'Thông tin về người mẹ' }).waitFor();
    await citizen.getByLabel('Họ, chữ đệm, tên người mẹ').fill('Võ Thị Ngọc Ánh');
    await citizen.getByLabel('Năm sinh', { exact: true }).fill('1990');
    await next(citizen);
    await citizen.getByRole('heading', { name: 'Thông tin về người cha' }).waitFor();
    await next(citizen);
    await citizen.getByRole('heading', { name: /đề nghị cấp bản sao/ }).waitFor();
    await citizen.getByLabel('Đề nghị cấp bản sao: số lượng (bản)').fill('2');
    await next(citizen);

    // Files: the birth certificate of the hospital; no record of abandonment, no power of
    // attorney, no paper form (online the e-form is the declaration).
    await citizen.getByRole('heading', { name: 'Tệp đính kèm' }).waitFor();
    expect(await citizen.getByText(/Biên bản về việc trẻ bị bỏ rơi/).count()).toBe(0);
    expect(await citizen.getByText(/Văn bản ủy quyền/).count()).toBe(0);
    await citizen.locator('input[type=file]').first().setInputFiles(pdfFile('giay-chung-sinh.pdf'));
    await citizen.getByText('giay-chung-sinh.pdf').first().waitFor();
    await next(citizen);

    await citizen.getByRole('heading', { name: 'Nhận kết quả' }).waitFor();
    await citizen.getByLabel('Nhận kết quả điện tử trên Cổng Dịch vụ công').check();
    await next(citizen);

    await citizen.getByRole('heading', { name: 'Kiểm tra và nộp' }).waitFor();
    await citizen.getByText('Có Giấy chứng sinh do cơ sở y tế cấp').first().waitFor();
    await citizen.getByLabel(/Tôi xin cam đoan/).check();
    await screenshot(citizen, 'commune-review');
    await citizen.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ' }).waitFor();
    code = (await citizen.getByTestId('dossier-code').textContent())?.trim() ?? '';
    expect(code).toMatch(DOSSIER_CODE);
    await citizen.getByText('Ủy ban nhân dân phường Tân Ninh').first().waitFor();
    await citizen.getByText('Nhận kết quả điện tử trên Cổng Dịch vụ công').first().waitFor();
  }, 180_000);

  it('the ward’s one-stop officer sees the checklist of the case and accepts', async () => {
    const officer = await as('tiepnhan.xa');
    await openFromQueue(officer, 'to_receive', code);
    const checklist = officer.getByRole('region', { name: 'Thành phần hồ sơ theo trường hợp' });
    await checklist
      .getByText(/Giấy chứng sinh/)
      .first()
      .waitFor();
    await checklist.getByText('Đã có').first().waitFor();
    expect(await checklist.getByText(/bỏ rơi/).count()).toBe(0);
    await screenshot(officer, 'commune-officer-dossier');
    await officerAction(officer, 'Tiếp nhận hồ sơ');
    const receipt = officer.getByRole('link', { name: 'Giấy tiếp nhận và hẹn trả kết quả (PDF)' });
    const response = await officer.request.get((await receipt.getAttribute('href'))!);
    expect(response.status()).toBe(200);
  }, 120_000);

  it('the civil-status officer takes it and sends it for approval; the chairman approves', async () => {
    const civilStatus = await as('hotich.xa');
    await openFromQueue(civilStatus, 'to_process', code);
    await officerAction(civilStatus, 'Phân công xử lý', async (dialog) => {
      await dialog.getByRole('combobox', { name: 'Chuyên viên được giao xử lý' }).click();
      await civilStatus.getByRole('option', { name: /Lâm Văn Hậu/ }).click();
    });
    await officerAction(civilStatus, 'Trình lãnh đạo phê duyệt');

    const chairman = await as('chutich.xa');
    // The chairman starts on the approval queue, where the dossier is.
    await chairman.goto('/mot-cua');
    await chairman.getByRole('link', { name: 'Bắt đầu với hàng đợi: Chờ phê duyệt' }).click();
    await chairman.getByRole('main').getByRole('link', { name: code }).click();
    await chairman.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    await officerAction(chairman, 'Phê duyệt');
    // The chairman's dashboard covers the ward (with the demo dossiers of npm start, a living one).
    await chairman.goto('/mot-cua/bang-dieu-khien');
    await chairman.getByText('Ủy ban nhân dân phường Tân Ninh').first().waitFor();
    await screenshot(chairman, 'commune-chairman-dashboard');
  }, 120_000);

  it('the result is returned as a file, which the citizen downloads; the citizen rates', async () => {
    const officer = await as('tiepnhan.xa');
    await openFromQueue(officer, 'to_return', code);
    await officerAction(officer, 'Trả kết quả', async (dialog) => {
      await dialog.locator('input[type=file]').setInputFiles(pdfFile('giay-khai-sinh.pdf'));
    });

    const citizen = await as('congdan');
    await citizen.goto(`/ho-so-cua-toi/${code}`);
    const result = citizen.getByRole('link', { name: 'Tải kết quả: giay-khai-sinh.pdf' });
    const download = await citizen.request.get((await result.getAttribute('href'))!);
    expect(download.status()).toBe(200);
    await citizen.getByRole('radio', { name: 'Không quá 1 lần' }).check();
    await citizen.getByRole('radio', { name: '1 cơ quan' }).check();
    await citizen.getByRole('radio', { name: 'Đúng mực, tận tình' }).check();
    await citizen.getByRole('radio', { name: 'Rất hài lòng' }).check();
    await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await citizen.getByText(/Bạn đã đánh giá hồ sơ này lúc/).waitFor();
  }, 120_000);

  it('the pages reported no script errors and no CSP violations', () => {
    expect(journey.e2e().consoleErrors).toEqual([]);
  });
});
