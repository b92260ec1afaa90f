/**
 * What the outside review found on the portal, checked in Chromium: pages as wide as a 375 px
 * phone, a one-line header on a 1280 px desktop, error summaries (links to the fields, focus,
 * contrast), a draft offered again instead of a new one, dates of birth in the future, editors'
 * notes kept off the procedure page, and the English interface (plurals, statuses, the note that
 * procedures are published in Vietnamese only).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDossiers } from '../../server/src/db/seed/demo-dossiers';
import { DOSSIER_CODE, PDF, PERMIT } from './flows';
import { DESKTOP, expectAccessible, PHONE, screenshot, signIn, startE2E, type E2E } from './harness';

let e2e: E2E;
/** The dossier the wizard test submits (the back-office check opens it in English). */
let submittedCode = '';

beforeAll(async () => {
  e2e = await startE2E();
  // Figures for the statistics page (its tables are what made it too wide).
  await seedDemoDossiers(e2e.ctx.handle.db, { count: 400 });
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const isFocused = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((element) => element === document.activeElement);

async function english(page: Page) {
  await page.getByText('EN', { exact: true }).first().click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
}

describe('layout', () => {
  it('the main public pages are no wider than a 375 px phone', async () => {
    const page = await e2e.newPage({ viewport: PHONE });
    const pages: Array<[string, () => Promise<void>]> = [
      ['/', () => page.getByRole('heading', { name: 'Thủ tục được sử dụng nhiều nhất' }).waitFor()],
      [`/thu-tuc/${PERMIT.code}`, () => page.getByRole('heading', { name: 'Thành phần hồ sơ' }).waitFor()],
      ['/tra-cuu', () => page.getByLabel('Mã hồ sơ').waitFor()],
      // With figures: the tables (wider than the screen) scroll inside their own box.
      [
        '/thong-ke',
        () =>
          page.getByRole('region', { name: /^Tình hình giải quyết hồ sơ toàn tỉnh theo tháng/ }).waitFor(),
      ],
      ['/dang-nhap', () => page.getByLabel(/^Tên đăng nhập/).waitFor()],
      ['/dang-ky', () => page.getByLabel(/^Nhập lại mật khẩu/).waitFor()],
    ];
    for (const [path, ready] of pages) {
      await page.goto(path);
      await ready();
      expect(await overflow(page), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await signIn(page, 'congdan');
    await page.goto('/ho-so-cua-toi');
    await page.getByRole('heading', { name: 'Hồ sơ đã nộp' }).waitFor();
    expect(await overflow(page), '/ho-so-cua-toi scrolls sideways').toBeLessThanOrEqual(0);
  }, 90_000);

  it('the header stays one line at 1280 px with a citizen or an officer signed in', async () => {
    const oneLine = (page: Page) =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('header')).map((header) => {
          const links = Array.from(header.querySelectorAll('nav a')).map(
            (link) => link.getBoundingClientRect().top,
          );
          return {
            overflows: header.scrollHeight - header.clientHeight,
            rows: new Set(links.map(Math.round)).size,
          };
        }),
      );
    for (const username of ['congdan', 'tiepnhan']) {
      const page = await e2e.newPage({ viewport: DESKTOP });
      await signIn(page, username);
      await page.goto('/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      for (const language of ['vi', 'en']) {
        if (language === 'en') await english(page);
        for (const header of await oneLine(page)) {
          expect(
            header.overflows,
            `${username} (${language}): header content taller than the header`,
          ).toBeLessThanOrEqual(0);
          expect(header.rows, `${username} (${language}): header links on more than one line`).toBe(1);
        }
      }
      await screenshot(page, `portal-header-${username}-1280`);
      if (username === 'tiepnhan') {
        await page.goto('/mot-cua');
        await page.getByRole('heading', { level: 1 }).waitFor();
        for (const header of await oneLine(page)) expect(header.overflows).toBeLessThanOrEqual(0);
      }
    }
  }, 90_000);
});

describe('forms a citizen fills in', () => {
  it('registration and sign-in: an error summary with links, focused, in readable red', async () => {
    const page = await e2e.newPage();
    await page.goto('/dang-ky');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    const summary = page.getByTestId('error-summary');
    await summary.getByRole('heading', { name: 'Có lỗi cần sửa' }).waitFor();
    await expect.poll(() => isFocused(page, 'error-summary')).toBe(true);
    // One link per field, in the order of the page (the two empty passwords do match).
    const links = await summary.getByRole('link').allTextContents();
    expect(links).toHaveLength(6);
    expect(links[0]).toBe('Vui lòng nhập họ, chữ đệm và tên.');
    expect(links[1]).toBe('Số căn cước gồm đúng 12 chữ số.');
    // Inline errors and the summary pass axe's color-contrast rule (and the others).
    await expectAccessible(page, 'registration with errors');
    await summary.getByRole('link', { name: 'Số căn cước gồm đúng 12 chữ số.' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('dk-identityNumber');
    // Corrected fields leave the summary.
    await page.locator('#dk-identityNumber').fill('072195004321');
    await expect.poll(() => summary.getByRole('link').count()).toBe(5);

    await page.goto('/dang-nhap');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByTestId('error-summary').getByRole('link').first().waitFor();
    await expect.poll(() => isFocused(page, 'error-summary')).toBe(true);
    await page.getByTestId('error-summary').getByRole('link').first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('dn-username');
  }, 60_000);

  it('the wizard: a future date of birth, a draft offered again, server errors in the summary', async () => {
    const page = await e2e.newPage();
    await signIn(page, 'congdan2');
    const start = async () => {
      await page.goto(`/thu-tuc/${PERMIT.code}`);
      await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).first().click();
    };
    await start();
    // Reached from the procedure page, the focus is on the new page's heading.
    const title = page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' });
    await title.waitFor();
    await expect.poll(() => title.evaluate((heading) => heading === document.activeElement)).toBe(true);

    const birth = page.getByLabel('Ngày, tháng, năm sinh');
    await birth.fill('2099-01-01');
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('072190004321');
    await page.getByLabel('Nơi cư trú').fill('Khu phố 2, phường Tân Ninh');
    await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
    const summary = page.getByTestId('error-summary');
    await summary.getByRole('link', { name: 'Ngày, tháng, năm sinh không được sau ngày hôm nay.' }).waitFor();
    expect(await birth.getAttribute('max')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expectAccessible(page, 'wizard with errors');
    await birth.fill('1985-07-20');
    await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
    await page.waitForURL(/\/ho-so-nhap\/\d+/);
    const draftId = /\/ho-so-nhap\/(\d+)/.exec(page.url())![1]!;

    // The same click again: the draft is offered, not silently replaced by a new one.
    await start();
    await page.getByText('Bạn đang có 1 hồ sơ nháp của thủ tục này.', { exact: false }).waitFor();
    await screenshot(page, 'portal-draft-choice');
    await page.getByRole('link', { name: /^Tiếp tục khai hồ sơ nháp lưu lúc/ }).click();
    await page.waitForURL(new RegExp(`/ho-so-nhap/${draftId}`));
    await page.getByLabel('Tên công trình').waitFor();

    // "Hồ sơ của tôi": every button's accessible name begins with its visible words (axe checks it).
    await page.goto('/ho-so-cua-toi');
    const discard = page.getByRole('button', { name: /^Hủy nháp: / });
    await discard.waitFor();
    await expectAccessible(page, 'my dossiers with a draft');

    // The saved form made invalid behind the wizard's back (as a newer form version could): the
    // server's field error lands in the summary, linked to its field on its step.
    const csrf = await page.evaluate(() => localStorage.getItem('tn_csrf'));
    const saved = await page.request.get(`/api/drafts/${draftId}`);
    const formData = (await saved.json()) as { formData: { applicant: Record<string, string> } };
    const put = await page.request.put(`/api/drafts/${draftId}`, {
      headers: { 'x-csrf-token': csrf!, 'content-type': 'application/json' },
      data: {
        formData: {
          ...formData.formData,
          applicant: { ...formData.formData.applicant, birthDate: '2099-01-01' },
          details: { worksName: 'Nhà ở riêng lẻ', worksAddress: 'Phường Tân Ninh' },
        },
        resultDelivery: { method: 'counter' },
      },
    });
    expect(put.status()).toBe(200);
    // The documents the permit requires online (tp3, "nếu có", is optional).
    for (const code of ['tp1', 'tp2', 'tp4', 'tp5']) {
      const uploaded = await page.request.post(`/api/drafts/${draftId}/attachments?documentCode=${code}`, {
        headers: { 'x-csrf-token': csrf! },
        multipart: { file: { name: `${code}.pdf`, mimeType: 'application/pdf', buffer: PDF } },
      });
      expect(uploaded.status()).toBe(201);
    }
    await page.goto(`/ho-so-nhap/${draftId}?buoc=5`);
    await page.getByRole('heading', { name: 'Kiểm tra và nộp' }).waitFor();
    await page.getByLabel(/Tôi xin cam đoan/).check();
    await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
    const server = summary.getByRole('link', {
      name: /^Ngày, tháng, năm sinh: Ngày không được sau ngày hôm nay/,
    });
    await server.waitFor();
    await expect.poll(() => isFocused(page, 'error-summary')).toBe(true);
    await server.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('truong-applicant-birthDate');
    await birth.fill('1985-07-20');
    // On through the works, the files and the result delivery, back to the review.
    for (const heading of ['Thông tin công trình', 'Tệp đính kèm', 'Nhận kết quả', 'Kiểm tra và nộp']) {
      await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
      await page.getByRole('heading', { name: heading }).waitFor();
    }
    await page.getByLabel(/Tôi xin cam đoan/).check();
    await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ' }).waitFor();
    submittedCode = (await page.getByTestId('dossier-code').textContent())?.trim() ?? '';
    expect(submittedCode).toMatch(DOSSIER_CODE);
  }, 120_000);
});

describe('what a procedure page shows, in Vietnamese and in English', () => {
  it('the requirements, never the editors’ notes; in English: plurals and the Vietnamese-only note', async () => {
    const page = await e2e.newPage();
    await page.goto('/thu-tuc/1.001193');
    await page.getByRole('heading', { name: 'Yêu cầu, điều kiện thực hiện' }).waitFor();
    await page.getByText(/sau 15 giờ được hẹn trả kết quả trong ngày làm việc tiếp theo/).waitFor();
    expect(await page.getByText(/Cổng DVC ghi thời hạn/).count()).toBe(0);
    expect(await page.getByTestId('vietnamese-only').count()).toBe(0);

    await english(page);
    await page
      .getByTestId('vietnamese-only')
      .getByText('Procedure details are published in Vietnamese only.')
      .waitFor();
    expect(await page.getByText('1 working day', { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.getByText('1 working days', { exact: false }).count()).toBe(0);

    // The back office in English: the status of a dossier in English beside its English badge.
    const officer = await e2e.newPage();
    await signIn(officer, 'tiepnhan');
    expect(submittedCode).toMatch(DOSSIER_CODE);
    await officer.goto(`/mot-cua/ho-so/${submittedCode}`);
    await officer.getByRole('heading', { level: 1, name: `Hồ sơ ${submittedCode}` }).waitFor();
    await english(officer);
    await officer.getByRole('heading', { level: 1, name: /^Dossier / }).waitFor();
    expect(await officer.getByRole('main').getByText('Chờ tiếp nhận', { exact: true }).count()).toBe(0);
    expect(
      await officer.getByRole('main').getByText('Awaiting intake', { exact: true }).count(),
    ).toBeGreaterThan(0);
  }, 90_000);

  it('the pages reported no script errors and no CSP violations', () => {
    expect(e2e.consoleErrors).toEqual([]);
  });
});
