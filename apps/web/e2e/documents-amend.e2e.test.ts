/**
 * Correcting and replacing an issued document in the browser (issue #14 §2; NĐ 30/2020 Điều
 * 18.3): Sở Xây dựng's decision, issued to phường Tân Ninh, is opened by its drafter, who drafts
 * the correcting công văn from its page — kind, subject, signer and nơi nhận carried over, the
 * error to put right required. Once the correction and then a replacement are issued (through
 * the API, as the main journey covers those steps in the browser), the ward's văn thư sees its
 * copy corrected, then superseded, each linked to the new copy; the văn thư sends the
 * correction on to a recipient the nơi nhận left out.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SXD_TO_SEAL } from '../../server/src/test/document-steps';
import { as as asUser, communeIdOf, login, type Session } from '../../server/src/test/harness';
import { expectAccessible, screenshot, useJourney } from './harness';

const journey = useJourney();
const sessions: Record<string, Session> = {};
const api = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  asUser(journey.e2e().ctx.app, sessions[who]!)({ method, url, ...(payload ? { payload } : {}) });

const SUBJECT = 'Về việc công bố đơn giá nhân công xây dựng trên địa bàn tỉnh năm 2027';
let ward = 0;

async function completeAndIssue(id: number) {
  for (const [who, step] of [...SXD_TO_SEAL, ['vanthu.xd', { type: 'issue' }] as const]) {
    const done = await api(who, 'POST', `/api/documents/${id}/actions`, step);
    expect(done.statusCode, `${step.type}: ${done.body}`).toBe(200);
  }
  return (await api('vanthu.xd', 'GET', `/api/documents/${id}`)).json<{
    number: { text: string };
    deliveries: { incomingDocumentId: number }[];
  }>();
}

async function status(page: Page, text: string) {
  await expect.poll(() => page.getByTestId('document-status').textContent()).toBe(text);
}

beforeAll(async () => {
  await journey.e2e().sealEvidence(); // the demo PKI: signing keys, the agency's seal, the TSA
  const { app, handle } = journey.e2e().ctx;
  for (const name of ['chuyenvien.xd', 'lanhdao.xd', 'vanthu.xd']) sessions[name] = await login(app, name);
  ward = await communeIdOf(handle.db, '25459');
}, 120_000);

describe('an issued decision corrected, then replaced, in Chromium', () => {
  let original = 0;
  let number = '';
  let copy = 0;
  let correction = 0;

  it('its drafter drafts the correcting công văn from its page, the original’s nơi nhận carried over', async () => {
    const created = await api('chuyenvien.xd', 'POST', '/api/documents', {
      kind: 'quyet-dinh',
      subject: SUBJECT,
      body: 'Điều 1. Công bố đơn giá nhân công xây dựng kèm theo Quyết định này.',
      signerUserId: sessions['lanhdao.xd']!.userId,
      signerPosition: 'Giám đốc',
      recipients: [{ unitId: ward }],
    });
    original = created.json<{ id: number }>().id;
    const issued = await completeAndIssue(original);
    number = issued.number.text;
    copy = issued.deliveries[0]!.incomingDocumentId;

    const drafter = await journey.as('chuyenvien.xd');
    await drafter.goto(`/van-ban/${original}`);
    await drafter.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    await drafter.getByRole('link', { name: 'Soạn công văn đính chính' }).click();
    await drafter.getByText(`Công văn đính chính văn bản số ${number}`).waitFor();
    await expect
      .poll(() => drafter.getByRole('combobox', { name: /^Loại văn bản/ }).inputValue())
      .toBe('Công văn');
    expect(await drafter.getByRole('textbox', { name: /^Trích yếu nội dung/ }).inputValue()).toBe(
      `Về việc đính chính Quyết định số ${number}`,
    );
    await drafter
      .getByText(/Tân Ninh/)
      .first()
      .waitFor();
    await drafter
      .getByRole('textbox', { name: /^Nội dung văn bản/ })
      .fill('Đính chính ngày hiệu lực tại Điều 3.');
    // Without the error to put right, the draft is refused beside that field.
    await drafter.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await drafter.getByRole('alert').first().waitFor();
    expect(await drafter.getByRole('heading', { level: 1 }).textContent()).toBe('Soạn văn bản đi');
    await drafter
      .getByRole('textbox', { name: /^Sai sót cần khắc phục/ })
      .fill('Sai ngày hiệu lực tại Điều 3');
    await expectAccessible(drafter, 'correcting draft');
    await screenshot(drafter, 'documents-correction-draft');
    await drafter.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await drafter
      .getByRole('heading', { level: 1, name: `Về việc đính chính Quyết định số ${number}` })
      .waitFor();
    await drafter.getByText('Đính chính văn bản', { exact: true }).waitFor();
    await drafter.getByRole('link', { name: new RegExp(`^${number}`) }).waitFor();

    correction = Number(new URL(drafter.url()).pathname.split('/').pop());
    await completeAndIssue(correction);
  }, 180_000);

  it('the ward’s văn thư sees the copy corrected, then superseded by the replacement', async () => {
    const clerk = await journey.as('vanthu.xa');
    await clerk.goto(`/van-ban/${copy}`);
    await clerk.getByText('Đã được đính chính bởi', { exact: true }).waitFor();
    await status(clerk, 'Đã đến, chờ văn thư tiếp nhận');

    const replacement = await api('chuyenvien.xd', 'POST', '/api/documents', {
      kind: 'quyet-dinh',
      subject: `${SUBJECT} (thay thế)`,
      body: 'Điều 1. Công bố đơn giá nhân công xây dựng đã điều chỉnh.',
      signerUserId: sessions['lanhdao.xd']!.userId,
      signerPosition: 'Giám đốc',
      recipients: [{ unitId: ward }],
      amends: { documentId: original, kind: 'replacement', reason: 'Đơn giá vùng III tính sai' },
    });
    expect(replacement.statusCode, replacement.body).toBe(201);
    await completeAndIssue(replacement.json<{ id: number }>().id);
    await clerk.reload();
    await status(clerk, 'Nơi gửi đã thay thế bằng văn bản khác');
    await clerk.getByText('Đã được thay thế bởi', { exact: true }).waitFor();
    await clerk.getByRole('definition').filter({ hasText: 'Đơn giá vùng III tính sai' }).waitFor();
    await expectAccessible(clerk, 'superseded copy');
    const drafter = await journey.as('chuyenvien.xd');
    await drafter.goto(`/van-ban/${original}`);
    await status(drafter, 'Đã bị thay thế bằng văn bản khác');
    expect(await drafter.getByRole('link', { name: 'Soạn văn bản thay thế' }).count()).toBe(0);
  }, 180_000);

  it('the văn thư sends the correction on to a recipient the nơi nhận left out', async () => {
    const clerk = await journey.as('vanthu.xd');
    await clerk.goto(`/van-ban/${correction}`);
    await clerk.getByRole('button', { name: 'Gửi bổ sung nơi nhận', exact: true }).click();
    const box = clerk.getByRole('combobox', { name: /^Nơi nhận bổ sung/ });
    await box.click();
    await box.fill('van phong uy ban');
    await clerk.getByRole('option', { name: 'Văn phòng Ủy ban nhân dân tỉnh Tây Ninh', exact: true }).click();
    await clerk.getByRole('textbox', { name: /^Lý do/ }).fill('Gửi để Văn phòng theo dõi');
    await expectAccessible(clerk, 'add recipients');
    await clerk.getByRole('button', { name: 'Xác nhận: Gửi bổ sung nơi nhận' }).click();
    await clerk.getByText('Đã thực hiện: Gửi bổ sung nơi nhận.').first().waitFor();
    await clerk.getByText('Văn phòng Ủy ban nhân dân tỉnh Tây Ninh').first().waitFor();
  }, 120_000);
});
