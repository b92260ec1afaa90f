/** Steps the journeys share, written as a user does them: by visible labels, never by CSS. */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './harness';

/** The smallest well-formed PDF (the server types files by their content). */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

export function pdfFile(name: string) {
  return { name, mimeType: 'application/pdf', buffer: PDF };
}

/** Building permit: received by the provincial centre, handled by Sở Xây dựng. */
export const PERMIT = {
  code: '1.013236',
  name: 'Cấp giấy phép xây dựng mới công trình cấp đặc biệt, cấp I, cấp II',
};

export const DOSSIER_CODE = /\d{3}\.\d{2}\.\d{2}\.H53-\d{6}-\d{4}/;

/**
 * A signed-in citizen finds the building permit from the home page and submits it online through
 * the wizard. Returns the dossier code shown on the confirmation page.
 */
export async function submitPermitOnline(page: Page, shots?: string): Promise<string> {
  const shot = async (name: string) => {
    if (shots) await screenshot(page, `${shots}-${name}`);
  };
  await page.goto('/');
  await page.getByLabel('Tìm thủ tục hành chính').fill('giay phep xay dung moi cong trinh cap dac biet');
  await page.getByText(/Tìm thấy \d+ thủ tục/).waitFor();
  await shot('01-search');
  await page.getByRole('link', { name: PERMIT.name }).first().click();
  await page.getByRole('heading', { level: 1, name: PERMIT.name }).waitFor();
  await shot('02-procedure');
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();

  // Step 1: the applicant (name, e-mail and phone prefilled from the account). First try to go on
  // with the required fields empty: the error summary says what is missing, in Vietnamese, with
  // one link per field, and takes the focus.
  await page.getByLabel('Số định danh cá nhân (CCCD)').waitFor();
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  const summary = page.getByTestId('error-summary');
  await summary.getByRole('heading', { name: 'Có lỗi cần sửa' }).waitFor();
  await summary.getByRole('link', { name: 'Vui lòng nhập số định danh cá nhân (CCCD).' }).waitFor();
  await expect.poll(() => summary.evaluate((box) => box === document.activeElement)).toBe(true);
  await shot('03-applicant-errors');
  await page.getByLabel('Ngày, tháng, năm sinh').first().fill('1990-05-01');
  await page.getByLabel('Số định danh cá nhân (CCCD)').fill('072190001234');
  await page.getByLabel('Nơi cư trú').fill('Khu phố 1, phường Tân Ninh, tỉnh Tây Ninh');
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await page.waitForURL(/\/ho-so-nhap\//);

  // Step 2: the works.
  await page.getByLabel('Tên công trình').fill('Nhà ở riêng lẻ 3 tầng');
  await page.getByLabel('Địa điểm xây dựng').fill('Số 12 đường 30/4, phường Tân Ninh');
  await shot('04-details');
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

  // Step 3: one upload per document the case requires (here the application form first only).
  await page.getByRole('heading', { name: 'Tệp đính kèm' }).waitFor();
  const inputs = page.locator('input[type=file]');
  await inputs.nth(0).setInputFiles(pdfFile('don-de-nghi-cap-phep.pdf'));
  await page.getByText('Đã tải lên').first().waitFor();
  await shot('05-uploads');
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

  // How the result is wanted: electronically.
  await page.getByRole('heading', { name: 'Nhận kết quả' }).waitFor();
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await page.getByTestId('error-summary').getByText('Vui lòng chọn hình thức nhận kết quả.').waitFor();
  await page.getByLabel('Nhận kết quả điện tử trên Cổng Dịch vụ công').check();
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

  // Check your answers: three required documents have no file yet, so it cannot be submitted.
  await page.getByRole('heading', { name: 'Kiểm tra và nộp' }).waitFor();
  await expect.poll(() => page.getByText('Nhà ở riêng lẻ 3 tầng').count()).toBeGreaterThan(0);
  await page.getByText('Nhận kết quả điện tử trên Cổng Dịch vụ công').first().waitFor();
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  await page
    .getByTestId('error-summary')
    .getByText(/Trường hợp của bạn còn thiếu giấy tờ bắt buộc: Giấy tờ hợp pháp về đất đai/)
    .waitFor();
  await shot('06-missing-documents');
  await page.getByRole('alert').getByRole('button', { name: 'Tệp đính kèm' }).click();
  await page.getByRole('heading', { name: 'Tệp đính kèm' }).waitFor();
  // tp2 land papers, tp4 fire safety and environment, tp5 drawings; tp3 (nếu có) is optional.
  for (const [index, name] of [
    [1, 'giay-to-dat.pdf'],
    [3, 'pccc-moi-truong.pdf'],
    [4, 'ban-ve.pdf'],
  ] as const) {
    await inputs.nth(index).setInputFiles(pdfFile(name));
    await page.getByText(name).first().waitFor();
  }
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await page.getByRole('heading', { name: 'Nhận kết quả' }).waitFor();
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await page.getByRole('heading', { name: 'Kiểm tra và nộp' }).waitFor();
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  await page.getByText('Vui lòng đánh dấu xác nhận cam đoan trước khi nộp hồ sơ.').first().waitFor();
  await page.getByLabel(/Tôi xin cam đoan/).check();
  await shot('06-review');
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  const submitted = page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ' });
  await submitted.waitFor();
  // The confirmation opens at its top (the code and the banner in view, even on a phone), with the
  // focus on its heading, not where the "Nộp hồ sơ" button was at the foot of the long review.
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  await expect.poll(() => submitted.evaluate((heading) => heading === document.activeElement)).toBe(true);
  const code = (await page.getByTestId('dossier-code').textContent())?.trim() ?? '';
  expect(code).toMatch(DOSSIER_CODE);
  await shot('07-submitted');
  return code;
}

/** An officer opens an action's dialog from the dossier page, fills it and confirms. */
export async function officerAction(
  page: Page,
  button: string,
  fill?: (dialog: Locator) => Promise<void>,
): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: button });
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText(`Đã thực hiện: ${button}`).first().waitFor();
}

/** Opens a dossier from one of the officer's queues (proves it is listed there). */
export async function openFromQueue(page: Page, queue: string, code: string): Promise<void> {
  await page.goto(`/mot-cua/hang-doi/${queue}`);
  await page.getByRole('main').getByRole('link', { name: code }).click();
  await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
}

/** dd/mm/yyyy, n calendar days from today in Vietnam. */
export function vietnamDate(daysFromToday: number): string {
  const date = new Date(Date.now() + 7 * 3_600_000 + daysFromToday * 86_400_000);
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${date.getUTCFullYear()}`;
}

/**
 * dd/mm/yyyy of the working day `workingDays` working days from now, by the server's calendar:
 * deadline pickers offer working days only.
 */
export async function workingDate(page: Page, workingDays: number): Promise<string> {
  const from = encodeURIComponent(new Date().toISOString());
  const response = await page.request.get(
    `/api/calendar/due-date?from=${from}&amount=${workingDays}&unit=working-days`,
  );
  const { dueAt } = (await response.json()) as { dueAt: string };
  const [y, m, d] = dueAt.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
