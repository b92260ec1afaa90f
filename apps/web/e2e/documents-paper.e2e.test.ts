/**
 * A paper document in the browser (issue #14 §3): phường Tân Ninh's văn thư receives the
 * provincial police's plan on paper, enters it by hand with its scan, and registers it with the
 * next số đến; a second copy of it is shown with the first, and the văn thư stops there; the
 * plan is found again by words of its scan typed without diacritics.
 */
import fontkit from '@cantoo/fontkit';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { notoSerifBytes } from '../../server/src/lib/pdf';
import { pdfLib } from '../../server/src/lib/pades';
import { expectAccessible, screenshot, useJourney } from './harness';

const journey = useJourney();
const dir = mkdtempSync(join(tmpdir(), 'tn-e2e-paper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SUBJECT = 'Kế hoạch phòng cháy, chữa cháy mùa khô năm 2026–2027';

/** The scan, with the text a scanner's OCR leaves on it. */
async function scanFile(): Promise<string> {
  const doc = await pdfLib.PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(notoSerifBytes().regular, { subset: true });
  doc.addPage([595.28, 841.89]).drawText('Kiểm tra an toàn phòng cháy tại các chợ và khu dân cư.', {
    x: 60,
    y: 700,
    size: 12,
    font,
  });
  const path = join(dir, 'ke-hoach-pccc.pdf');
  writeFileSync(path, await doc.save());
  return path;
}

async function fillPlan(page: Page) {
  await page.goto('/van-ban/den');
  await page.getByRole('link', { name: 'Tiếp nhận văn bản giấy' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tiếp nhận văn bản giấy' }).waitFor();
  const kind = page.getByRole('combobox', { name: 'Loại văn bản' });
  await kind.click();
  await kind.fill('ke hoach');
  await page.getByRole('option', { name: 'Kế hoạch', exact: true }).click();
  await page.getByRole('textbox', { name: 'Trích yếu nội dung' }).fill(SUBJECT);
  await page.getByRole('textbox', { name: /^Cơ quan ban hành/ }).fill('Công an tỉnh Tây Ninh');
  await page.getByRole('textbox', { name: 'Số', exact: true }).fill('120');
  await page.getByRole('textbox', { name: 'Ký hiệu' }).fill('KH-CAT-PC07');
  await page.getByRole('textbox', { name: 'Ngày ban hành' }).fill('30/11/2026');
  await page.getByRole('textbox', { name: 'Người ký', exact: true }).fill('Nguyễn Văn Hùng');
}

describe('a paper document received by phường Tân Ninh’s văn thư', () => {
  it('is entered by hand with its scan and registered with the next số đến', async () => {
    const clerk = await journey.as('vanthu.xa');
    await fillPlan(clerk);
    await clerk.locator('input[type=file]').setInputFiles(await scanFile());
    await clerk.getByText('ke-hoach-pccc.pdf').waitFor();
    await expectAccessible(clerk, 'paper form');
    await screenshot(clerk, 'documents-paper');
    await clerk.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await clerk.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    await expect
      .poll(() => clerk.getByTestId('document-status').textContent())
      .toBe('Đã tiếp nhận, chờ vào sổ');
    await expect.poll(() => clerk.getByTestId('document-files').textContent()).toContain('ke-hoach-pccc.pdf');
    await clerk.getByText('Văn bản giấy, được văn thư số hóa và nhập thông tin.').waitFor();
    await clerk.getByRole('button', { name: 'Vào sổ văn bản đến', exact: true }).click();
    await clerk.getByRole('button', { name: 'Xác nhận: Vào sổ văn bản đến' }).click();
    await expect.poll(() => clerk.getByTestId('document-arrival').textContent()).toMatch(/^Số đến 1, ngày /);
    await expectAccessible(clerk, 'paper document');
  });

  it('a second copy is shown with the first, and nothing is received', async () => {
    const clerk = await journey.as('vanthu.xa');
    await fillPlan(clerk);
    await clerk.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    const warning = clerk.getByTestId('duplicate-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('120/KH-CAT-PC07 của Công an tỉnh Tây Ninh');
    await clerk.getByRole('button', { name: 'Đây là văn bản khác — vẫn tiếp nhận' }).waitFor();
    await expectAccessible(clerk, 'duplicate warning');
    await clerk.goto('/van-ban/den');
    await clerk.getByLabel(/^Tìm theo trích yếu/).fill('cho va khu dan cu');
    await expect.poll(() => clerk.getByRole('link', { name: SUBJECT }).count()).toBe(1);
  });
});
