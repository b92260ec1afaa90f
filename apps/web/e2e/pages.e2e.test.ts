/**
 * Every main page in Chromium: what the citizen's home page weighs and how fast it loads, a
 * first-time citizen who registers and submits on a 375 px phone, and axe-core plus a screenshot
 * of each page of the portal, the back office and the administration.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officerAction, submitPermitOnline } from './flows';
import { expectAccessible, PHONE, screenshot, signIn, startE2E, type E2E } from './harness';
import { measurePage } from './performance';
import { readPdf } from '../../server/src/test/pdf-text';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

const KB = 1024;
const HOSTILE_NAME = 'Lâm Văn <b>Phúc</b>';
const HOSTILE_WORKS = 'Nhà xưởng <img src="x" onerror="window.__xss=1"><script>window.__xss=2</script>';

describe('citizens’ portal', () => {
  it('home page: JavaScript under 250 KB gzip, loaded and usable on a phone', async () => {
    // Warm the server once (first request compiles routes' serialisers), then measure a cold browser.
    await (await e2e.newPage()).goto('/');
    const page = await e2e.newPage({ viewport: PHONE });
    await page.goto('/', { waitUntil: 'load' });
    await page.getByLabel('Tìm thủ tục hành chính').waitFor();
    const weight = await measurePage(page);
    console.log(
      `home page: ${weight.scripts.length} script(s), ${(weight.totalBytes / KB).toFixed(1)} KB, ` +
        `${(weight.totalGzipBytes / KB).toFixed(1)} KB gzip, ${(weight.totalTransferBytes / KB).toFixed(1)} KB transferred; ` +
        `DOMContentLoaded ${weight.domContentLoadedMs.toFixed(0)} ms, load ${weight.loadMs.toFixed(0)} ms`,
    );
    expect(weight.scripts.length).toBeGreaterThan(0);
    expect(weight.totalGzipBytes).toBeLessThan(250 * KB);
    // Served precompressed: far fewer bytes on the wire than on disk.
    expect(weight.totalTransferBytes).toBeLessThan(weight.totalBytes / 2);
    await page.getByRole('heading', { name: 'Thủ tục được sử dụng nhiều nhất' }).waitFor();
    await screenshot(page, 'portal-home-375');
    await expectAccessible(page, 'home page (375 px)');

    // Search as you type, without diacritics.
    await page.getByLabel('Tìm thủ tục hành chính').fill('dang ky khai sinh');
    await page.getByText(/Tìm thấy \d+ thủ tục/).waitFor();
    expect(await page.getByRole('link', { name: /khai sinh/i }).count()).toBeGreaterThan(0);
    await screenshot(page, 'portal-search-375');
  }, 60_000);

  it('keyboard only: skip link, search as you type, open a procedure with Enter', async () => {
    const page = await e2e.newPage();
    await page.goto('/');
    await page.getByLabel('Tìm thủ tục hành chính').waitFor();
    // The first Tab reaches the skip link, which takes the focus to the main content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Bỏ qua, đến nội dung chính');
    // Tab until the search box has the focus (a visible focus ring is Mantine's default).
    const searchFocused = () =>
      page.evaluate(() =>
        Array.from((document.activeElement as HTMLInputElement | null)?.labels ?? []).some((label) =>
          label.textContent?.startsWith('Tìm thủ tục hành chính'),
        ),
      );
    for (let i = 0; i < 30 && !(await searchFocused()); i += 1) await page.keyboard.press('Tab');
    expect(await searchFocused()).toBe(true);
    await page.keyboard.type('khai sinh');
    await page.getByText(/Tìm thấy \d+ thủ tục/).waitFor();
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      const text = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '');
      if (/khai sinh/i.test(text) && (await page.evaluate(() => document.activeElement?.tagName)) === 'A')
        break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/thu-tuc\//);
    const heading = page.getByRole('heading', { level: 1, name: /khai sinh/i });
    await heading.waitFor();
    // The new page's heading has the focus (the next Tab goes on from there, not from the link).
    await expect.poll(() => heading.evaluate((h1) => h1 === document.activeElement)).toBe(true);
  }, 60_000);

  it('a first-time citizen registers and submits a dossier on a 375 px phone', async () => {
    const page = await e2e.newPage({ viewport: PHONE });
    await page.goto('/dang-ky');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page, 'registration page');
    await page.getByLabel(/^Họ, chữ đệm và tên/).fill('Trương Thị Mỹ Duyên');
    await page.getByLabel(/^Số căn cước/).fill('072195004321');
    await page.getByLabel(/^Số điện thoại di động/).fill('0903123456');
    await page.getByLabel(/^Thư điện tử/).fill('myduyen@example.vn');
    await page.getByLabel(/^Tên đăng nhập/).fill('myduyen');
    await page.locator('#dk-password').fill('MatKhau2026');
    await page.getByLabel(/^Nhập lại mật khẩu/).fill('MatKhau2026');
    await screenshot(page, 'portal-register-375');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/dang-ky'));

    const code = await submitPermitOnline(page, 'phone');
    await expectAccessible(page, 'confirmation (375 px)');
    // Nothing wider than the screen: no sideways scrolling on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await page.goto('/ho-so-cua-toi');
    await page.getByRole('link', { name: code }).waitFor();
    await screenshot(page, 'portal-my-dossiers-375');
    await expectAccessible(page, 'my dossiers (375 px)');
  }, 120_000);

  it('procedure page, tracking, statistics, sign-in: accessible, in Vietnamese and in English', async () => {
    const page = await e2e.newPage();
    await page.goto('/thu-tuc/1.013236');
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).first().waitFor();
    await screenshot(page, 'portal-procedure');
    await expectAccessible(page, 'procedure page');

    await page.goto('/tra-cuu');
    await page.getByLabel('Mã hồ sơ').waitFor();
    await expectAccessible(page, 'track page');

    await page.goto('/thong-ke');
    await page.getByRole('heading', { name: 'Thống kê tình hình giải quyết hồ sơ' }).waitFor();
    await page.getByRole('heading', { name: 'Toàn tỉnh' }).waitFor();
    await screenshot(page, 'portal-statistics');
    await expectAccessible(page, 'statistics page');

    await page.goto('/dang-nhap');
    await page.getByLabel(/^Tên đăng nhập/).waitFor();
    await expectAccessible(page, 'sign-in page');

    // English on request, remembered.
    await page.goto('/');
    await page.getByText('EN', { exact: true }).click();
    await page.getByLabel('Search procedures').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByLabel('Search procedures').waitFor();
    await screenshot(page, 'portal-home-english');
    await expectAccessible(page, 'home page (English)');
  }, 90_000);
});

describe('back office and administration', () => {
  async function officer(username: string): Promise<Page> {
    const page = await e2e.newPage();
    await signIn(page, username);
    return page;
  }

  it('receiving officer: home, counter intake, queues', async () => {
    const page = await officer('tiepnhan');
    await page.goto('/mot-cua');
    await page.getByRole('heading', { level: 1, name: 'Một cửa điện tử' }).waitFor();
    await screenshot(page, 'office-home');
    await expectAccessible(page, 'office home');

    // Counter intake: the applicant brought a paper dossier.
    await page.goto('/mot-cua/tiep-nhan');
    const procedure = page.getByRole('combobox', { name: 'Thủ tục hành chính' });
    await procedure.click();
    await procedure.fill('giay phep xay dung moi');
    await page.getByRole('option', { name: /1\.013236/ }).click();
    // Markup typed by (or for) a citizen must come out as text everywhere, never as HTML.
    await page.getByRole('textbox', { name: 'Họ, chữ đệm và tên' }).fill(HOSTILE_NAME);
    await page.getByRole('textbox', { name: 'Ngày, tháng, năm sinh' }).fill('15/08/1978');
    await page.keyboard.press('Tab');
    await page.getByRole('textbox', { name: 'Số định danh cá nhân (CCCD)' }).fill('072078009876');
    await page
      .getByRole('textbox', { name: 'Nơi cư trú' })
      .fill('Ấp Thạnh Hiệp, xã Thạnh Đức, tỉnh Tây Ninh');
    await page.getByRole('textbox', { name: 'Số điện thoại' }).fill('0918765432');
    await page.getByRole('textbox', { name: 'Tên công trình' }).fill(HOSTILE_WORKS);
    await page.getByRole('textbox', { name: 'Địa điểm xây dựng' }).fill('Xã Thạnh Đức, tỉnh Tây Ninh');
    await page.getByRole('checkbox').first().check();
    await screenshot(page, 'office-counter-intake');
    await expectAccessible(page, 'counter intake');
    await page.getByRole('button', { name: 'Tạo hồ sơ' }).click();
    const created = page.getByText(/Đã tạo hồ sơ/).first();
    await created.waitFor();
    const code = /\d{3}\.\d{2}\.\d{2}\.H53-\d{6}-\d{4}/.exec((await created.textContent()) ?? '')?.[0];
    expect(code).toBeTruthy();
    await officerAction(page, 'Tiếp nhận hồ sơ');
    const receipt = page.getByRole('link', { name: 'In giấy tiếp nhận và hẹn trả kết quả' });
    const pdf = await page.request.get((await receipt.getAttribute('href'))!);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await screenshot(page, 'office-counter-accepted');
    // The slip prints the name as typed (pdf.js reads the text back).
    expect((await readPdf(await pdf.body())).text).toContain(HOSTILE_NAME);

    // The dossier page shows the markup as text, and no script ran.
    await page.goto(`/mot-cua/ho-so/${code}`);
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    await page.getByText(HOSTILE_WORKS).first().waitFor();
    expect(await page.getByText(HOSTILE_NAME).count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('main img[src="x"], main script').count()).toBe(0);

    await page.goto('/mot-cua/hang-doi/all');
    await page.getByRole('heading', { level: 1, name: 'Tất cả hồ sơ' }).waitFor();
    await page
      .getByText(/\d+ hồ sơ/)
      .first()
      .waitFor();
    await screenshot(page, 'office-queue-all');
    await expectAccessible(page, 'queue');
  }, 90_000);

  it('leader: dashboard with the official report', async () => {
    const page = await officer('lanhdao.xd');
    await page.goto('/mot-cua/bang-dieu-khien');
    await page.getByRole('heading', { level: 1, name: 'Bảng điều khiển' }).waitFor();
    await page.getByRole('link', { name: 'Tải Biểu 06 (Excel)' }).waitFor();
    await screenshot(page, 'office-dashboard');
    await expectAccessible(page, 'dashboard');
  }, 60_000);

  it('administrator: units, users, catalogue, calendar', async () => {
    const page = await officer('admin');
    const pages: Array<[string, string, string]> = [
      ['/quan-tri/don-vi', 'Đơn vị hành chính, cơ quan', 'admin-units'],
      ['/quan-tri/nguoi-dung', 'Người dùng và phân quyền', 'admin-users'],
      ['/quan-tri/thu-tuc', 'Danh mục thủ tục hành chính', 'admin-catalogue'],
      ['/quan-tri/lich', 'Lịch nghỉ lễ và ngày làm việc', 'admin-calendar'],
      ['/quan-tri/chung-thu', 'Chứng thư số và gốc tin cậy', 'admin-trust'],
    ];
    for (const [path, heading, shot] of pages) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, shot);
      await expectAccessible(page, heading);
    }
  }, 120_000);

  it('the pages reported no script errors and no CSP violations', () => {
    expect(e2e.consoleErrors).toEqual([]);
  });
});
