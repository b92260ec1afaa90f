/**
 * Official documents in the browser (issue #14): a Sở Xây dựng specialist drafts a decision; the
 * head of the unit approves its content, the văn thư its form; the leader signs with the PIN; the
 * văn thư numbers and seals it and issues it to UBND tỉnh and UBND phường Tân Ninh. Each
 * recipient's văn thư receives and registers it with its own số đến; each leader directs it; the
 * province's specialist completes it with an opinion, the ward's drafts the reply and completes
 * it with that reply. The issued PDF carries two signatures pdfsig reports Valid and Trusted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_SIGNING_PIN } from '../../server/src/db/seed/pki';
import { pdfLib } from '../../server/src/lib/pades';
import { pdfsig, trustDemoRoot } from '../../server/src/test/pdf-verifiers';
import { expectAccessible, PHONE, screenshot, useJourney } from './harness';

const journey = useJourney();
const as = journey.as;
const dir = mkdtempSync(join(tmpdir(), 'tn-e2e-documents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A one-page annex, as a scanner or another program makes it. */
async function annexPdf(): Promise<Buffer> {
  const doc = await pdfLib.PDFDocument.create();
  doc.addPage([595.28, 841.89]);
  return Buffer.from(await doc.save());
}

const SUBJECT = 'Về việc ban hành Quy chế quản lý kiến trúc đô thị trên địa bàn tỉnh';

async function act(page: Page, action: string, fill?: (page: Page) => Promise<void>) {
  await page.getByRole('button', { name: action, exact: true }).click();
  if (fill) {
    await fill(page);
    await page.getByRole('button', { name: `Xác nhận: ${action}` }).click();
  }
  await page.getByText(`Đã thực hiện: ${action}.`).first().waitFor();
}

async function status(page: Page, text: string) {
  await expect.poll(() => page.getByTestId('document-status').textContent()).toBe(text);
}

/** Opens the document from a register list, found by its subject (typed without diacritics). */
async function openFrom(page: Page, register: 'di' | 'den', subject: string) {
  await page.goto(`/van-ban/${register}`);
  await page.getByLabel('Tìm theo trích yếu, số, ký hiệu').fill('quy che quan ly kien truc');
  await page.getByRole('link', { name: subject }).first().click();
  await page.getByRole('heading', { level: 1, name: subject }).waitFor();
}

async function pick(page: Page, label: string, option: string, typed?: string) {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  if (typed) await box.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('an official document in Chromium, from draft to the recipients’ reply', () => {
  let outgoingUrl = '';

  it('a specialist drafts the decision, every problem named beside its field', async () => {
    await journey.e2e().sealEvidence(); // the demo PKI: signing keys, the agency's seal, the TSA
    const specialist = await as('chuyenvien.xd');
    await specialist.goto('/mot-cua');
    await specialist.getByRole('link', { name: 'Soạn văn bản', exact: true }).click();
    await specialist.getByRole('heading', { level: 1, name: 'Soạn văn bản đi' }).waitFor();
    await specialist.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await specialist
      .getByText('Nhập trích yếu nội dung.')
      .or(specialist.getByText(/trích yếu/i))
      .first()
      .waitFor();

    await pick(specialist, 'Loại văn bản', 'Quyết định (cá biệt)', 'quyet dinh');
    await pick(specialist, 'Độ khẩn', 'Khẩn');
    await specialist.getByLabel('Trích yếu nội dung').fill(SUBJECT);
    await specialist
      .getByLabel('Nội dung văn bản')
      .fill(
        'Căn cứ Luật Kiến trúc ngày 13 tháng 6 năm 2019;\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế quản lý kiến trúc.',
      );
    await pick(specialist, 'Người ký', 'Huỳnh Minh Tâm');
    await specialist.getByLabel('Chức vụ người ký').fill('Phó Giám đốc');
    await pick(specialist, 'Thẩm quyền ký', 'KT. Ký thay (cấp trưởng)');
    await specialist.getByLabel('Chức vụ của người đứng đầu (sau KT., TL., …)').fill('Giám đốc');
    const recipients = specialist.getByRole('combobox', { name: 'Nơi nhận trong tỉnh' });
    await recipients.fill('uy ban nhan dan tinh tay ninh');
    await specialist.getByRole('option', { name: 'Ủy ban nhân dân tỉnh Tây Ninh', exact: true }).click();
    await recipients.fill('tan ninh');
    await specialist.getByRole('option', { name: 'Ủy ban nhân dân phường Tân Ninh', exact: true }).click();
    // The form is checked as the drafter leaves it: the recipients' list closed (axe would otherwise
    // catch the list mid-transition, its options not yet rendered, and flag an empty scroll area).
    await recipients.press('Escape');
    await specialist.getByRole('listbox').waitFor({ state: 'hidden' });
    await expectAccessible(specialist, 'draft form');
    await screenshot(specialist, 'documents-draft');
    await specialist.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await specialist.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    outgoingUrl = new URL(specialist.url()).pathname;
    await status(specialist, 'Đang soạn thảo');
    // A separate annex, a PDF of its own: a new draft version with the annex beside the text.
    const [chooser] = await Promise.all([
      specialist.waitForEvent('filechooser'),
      specialist.getByRole('button', { name: 'Thêm tệp đính kèm' }).click(),
    ]);
    await chooser.setFiles({
      name: 'Quy chế kiến trúc.pdf',
      mimeType: 'application/pdf',
      buffer: await annexPdf(),
    });
    await specialist.getByText('Đã tải lên Quy chế kiến trúc.pdf.').first().waitFor();
    await specialist.getByRole('link', { name: 'Phụ lục 1: Quy chế kiến trúc.pdf' }).waitFor();
    await act(specialist, 'Trình duyệt');
    await status(specialist, 'Chờ lãnh đạo đơn vị duyệt nội dung');
  }, 60_000); // the first step also makes the demo PKI's keys

  it('the head of the unit approves the content, the văn thư the form, the leader signs with the PIN', async () => {
    const leader = await as('lanhdao.xd');
    await openFrom(leader, 'di', SUBJECT);
    await act(leader, 'Duyệt', async () => undefined);
    const clerk = await as('vanthu.xd');
    await openFrom(clerk, 'di', SUBJECT);
    await act(clerk, 'Duyệt', async () => undefined);
    await status(clerk, 'Chờ người có thẩm quyền ký');

    await leader.reload();
    // A wrong PIN is refused in words, and nothing is signed.
    await leader.getByRole('button', { name: 'Ký số', exact: true }).click();
    await leader.getByLabel('Mã PIN ký số').fill('000000');
    await leader.getByRole('button', { name: 'Xác nhận: Ký số' }).click();
    await leader.getByText(/PIN/).nth(1).waitFor();
    await status(leader, 'Chờ người có thẩm quyền ký');
    await leader.getByLabel('Mã PIN ký số').fill(DEMO_SIGNING_PIN);
    await leader.getByRole('button', { name: 'Xác nhận: Ký số' }).click();
    await leader.getByText('Đã thực hiện: Ký số.').first().waitFor();
    await status(leader, 'Đã ký, chờ cấp số và ký số của cơ quan');
  });

  it('the văn thư numbers, seals and issues it: the next number of the series, two trusted signatures', async () => {
    const clerk = await as('vanthu.xd');
    await clerk.goto(outgoingUrl);
    await act(clerk, 'Cấp số và ký số cơ quan');
    await expect.poll(() => clerk.getByTestId('document-number').textContent()).toMatch(/^01\/QĐ-SXD$/);
    await act(clerk, 'Phát hành');
    await status(clerk, 'Đã phát hành');
    await clerk.getByText('Ủy ban nhân dân phường Tân Ninh: Đã chuyển đến').waitFor();
    // The competent person's and the agency's on the decision, the agency's on the annex.
    await expect.poll(() => clerk.getByTestId('document-signatures').getByRole('listitem').count()).toBe(3);
    await clerk.getByText(/^Cơ quan, tổ chức trên phụ lục 1: /).waitFor();
    // The annex, signed by the agency at numbering, is now the sealed one.
    await clerk.getByRole('link', { name: 'Phụ lục 1: Quy chế kiến trúc.pdf' }).waitFor();
    await screenshot(clerk, 'documents-issued');
    await expectAccessible(clerk, 'issued document');

    const pdf = await clerk.request.get(`/api/documents/${outgoingUrl.split('/').pop()}/file.pdf`);
    expect(pdf.status()).toBe(200);
    await trustDemoRoot(journey.e2e().ctx.app, dir);
    const report = pdfsig(dir, Buffer.from(await pdf.body()));
    expect(report.match(/Signature Validation: Signature is Valid\./g)?.length).toBe(2);
    expect(report.match(/Certificate Validation: Certificate is Trusted\./g)?.length).toBe(2);
  });

  it('UBND tỉnh receives and registers it, its leader directs it, its specialist completes it', async () => {
    const clerk = await as('vanthu');
    // The văn thư's home page counts what waits for them, and leads there.
    await clerk.goto('/mot-cua');
    await clerk.getByRole('link', { name: 'Văn bản đến chờ tiếp nhận' }).click();
    await clerk.waitForURL(/\/van-ban\/den\?status=delivered/);
    await clerk.getByRole('status').getByText('1 văn bản').waitFor();
    await openFrom(clerk, 'den', SUBJECT);
    await status(clerk, 'Đã đến, chờ văn thư tiếp nhận');
    await act(clerk, 'Tiếp nhận');
    await act(clerk, 'Vào sổ văn bản đến', (page) => pick(page, 'Người chủ trì', 'Trần Quốc Khánh'));
    await expect.poll(() => clerk.getByTestId('document-arrival').textContent()).toMatch(/^Số đến 1, ngày /);

    const leader = await as('lanhdao.ubnd');
    await openFrom(leader, 'den', SUBJECT);
    await act(leader, 'Cho ý kiến chỉ đạo', async (page) => {
      await pick(page, 'Đơn vị chủ trì', 'Văn phòng Ủy ban nhân dân tỉnh Tây Ninh', 'van phong uy ban');
      await pick(page, 'Người chủ trì', 'Ngô Thị Thanh Trúc');
      await page
        .getByRole('textbox', { name: 'Ý kiến chỉ đạo' })
        .fill('Văn phòng nghiên cứu, tham mưu triển khai.');
    });
    await status(leader, 'Đang giải quyết');

    const specialist = await as('chuyenvien.vp');
    await openFrom(specialist, 'den', SUBJECT);
    await act(specialist, 'Ghi ý kiến xử lý', (page) =>
      page
        .getByRole('textbox', { name: 'Ý kiến xử lý' })
        .fill('Đã nghiên cứu; đề xuất phổ biến đến các sở, ngành.'),
    );
    await act(specialist, 'Hoàn thành xử lý', async () => undefined);
    await status(specialist, 'Đã giải quyết');
  }, 60_000); // two agencies, three people: a minute on a loaded machine

  it('phường Tân Ninh registers it with its own số đến; the chairman directs; the specialist replies', async () => {
    const clerk = await as('vanthu.xa');
    await openFrom(clerk, 'den', SUBJECT);
    await act(clerk, 'Tiếp nhận');
    await act(clerk, 'Vào sổ văn bản đến', async () => undefined);
    await expect.poll(() => clerk.getByTestId('document-arrival').textContent()).toMatch(/^Số đến 1, ngày /);
    const incomingUrl = new URL(clerk.url()).pathname;

    const chairman = await as('chutich.xa');
    await chairman.goto(incomingUrl);
    await act(chairman, 'Cho ý kiến chỉ đạo', async (page) => {
      await pick(page, 'Đơn vị chủ trì', 'Ủy ban nhân dân phường Tân Ninh', 'tan ninh');
      await pick(page, 'Người chủ trì', 'Lâm Văn Hậu');
      await page
        .getByRole('textbox', { name: 'Ý kiến chỉ đạo' })
        .fill('Công chức tư pháp tham mưu văn bản trả lời.');
    });

    const specialist = await as('hotich.xa');
    await specialist.setViewportSize(PHONE);
    await specialist.goto(incomingUrl);
    await specialist.getByRole('link', { name: 'Soạn văn bản trả lời' }).click();
    await specialist.getByText(/Văn bản trả lời văn bản đến số/).waitFor();
    await specialist.getByLabel('Trích yếu nội dung').fill('V/v góp ý Quy chế quản lý kiến trúc');
    await specialist
      .getByLabel('Nội dung văn bản')
      .fill('UBND phường Tân Ninh thống nhất với nội dung Quy chế.');
    await pick(specialist, 'Người ký', 'Nguyễn Thanh Tùng');
    await specialist.getByLabel('Chức vụ người ký').fill('Chủ tịch');
    const recipients = specialist.getByRole('combobox', { name: 'Nơi nhận trong tỉnh' });
    await recipients.fill('so xay dung');
    await specialist.getByRole('option', { name: 'Sở Xây dựng', exact: true }).click();
    await specialist.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await specialist
      .getByRole('heading', { level: 1, name: 'V/v góp ý Quy chế quản lý kiến trúc' })
      .waitFor();
    const replyId = new URL(specialist.url()).pathname.split('/').pop()!;
    await screenshot(specialist, 'documents-reply-phone');

    await specialist.goto(incomingUrl);
    await act(specialist, 'Hoàn thành xử lý', (page) =>
      page.getByLabel('Số hiệu văn bản trả lời (nếu có)').fill(replyId),
    );
    await status(specialist, 'Đã giải quyết');
    await specialist.getByRole('link', { name: `#${replyId}` }).waitFor();
    await expectAccessible(specialist, 'completed incoming document (phone)');
    expect(journey.e2e().consoleErrors).toEqual([]);
  }, 60_000); // two agencies, three people: a minute on a loaded machine
});
