/**
 * Signing in, in Chromium: an anonymous visit asks who is signed in without a failed request,
 * a wrong password says so, and an account that someone tried to guess tells its owner after
 * they sign in.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, signIn, startE2E, type E2E } from './harness';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

/**
 * Every failed request and every console error of a page, unfiltered (the harness's own list
 * leaves out the browser's "Failed to load resource" lines for 4xx answers, which is what an
 * anonymous `GET /api/auth/me` answered 401 used to print on every page load).
 */
function recordFailures(page: Page): string[] {
  const failures: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failures.push(`failed ${request.url()}`));
  return failures;
}

describe('sign-in', () => {
  it('an anonymous visit to the portal has no failed request and nothing in the console', async () => {
    const page = await e2e.newPage();
    const failures = recordFailures(page);
    const whoAsked = page.waitForResponse((response) => response.url().endsWith('/api/auth/me'));
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.getByLabel('Tìm thủ tục hành chính').waitFor();
    expect((await whoAsked).status()).toBe(204);
    await page.goto('/tra-cuu', { waitUntil: 'networkidle' });
    await page.getByLabel('Mã hồ sơ').waitFor();
    expect(failures).toEqual([]);
  });

  it('a wrong password is headed as a wrong user name or password, not as "not signed in"', async () => {
    const page = await e2e.newPage();
    await page.goto('/dang-nhap');
    await page.getByLabel(/^Tên đăng nhập/).fill('congdan');
    await page.getByLabel(/^Mật khẩu/).fill('khong-dung-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Sai tên đăng nhập hoặc mật khẩu').waitFor();
    expect(await alert.textContent()).not.toContain('Chưa đăng nhập');
  });

  /** Wrong passwords to an account from another address (as a guesser elsewhere would). */
  async function failSignIns(username: string, times: number) {
    for (let i = 0; i < times; i += 1) {
      const response = await e2e.ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '198.51.100.77',
        payload: { username, password: `doan-sai-${i}` },
      });
      expect(response.statusCode).toBe(401);
    }
  }

  it('an officer is told of failed sign-ins on the back office home, and can hide the notice', async () => {
    await failSignIns('tiepnhan', 2);
    const page = await e2e.newPage();
    await signIn(page, 'tiepnhan');
    await page.waitForURL('**/mot-cua');
    const notice = page
      .getByRole('alert')
      .filter({ hasText: 'Đã có lần đăng nhập sai vào tài khoản của bạn' });
    await notice.getByText(/có 2 lần đăng nhập sai/).waitFor();
    await expectAccessible(page, 'back office home with the failed sign-in notice');
    await notice.getByRole('button', { name: 'Ẩn thông báo' }).click();
    await notice.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByText('Đã có lần đăng nhập sai vào tài khoản của bạn').count()).toBe(0);
  });

  it('a citizen is told of failed sign-ins on "Hồ sơ của tôi"', async () => {
    await failSignIns('congdan2', 3);
    const page = await e2e.newPage();
    await signIn(page, 'congdan2');
    await page.waitForURL('**/ho-so-cua-toi');
    await page.getByText(/có 3 lần đăng nhập sai/).waitFor();
  });
});
