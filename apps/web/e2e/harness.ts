/**
 * End-to-end harness: the real server (same buildApp as production, on this test file's fresh
 * database — PGlite, or PostgreSQL when DATABASE_URL is set) listening on a free port and serving
 * the production build of the web app (apps/web/dist, built by `npm test` first), driven by
 * Debian's Chromium through playwright-core. Never a downloaded browser.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { seedDemoPki } from '../../server/src/db/seed/pki';
import { openSealingKit, sealUntilCaughtUp } from '../../server/src/modules/evidence';
import { startTestApp, TEST_PASSWORD, type TestContext } from '../../server/src/test/harness';

export { TEST_PASSWORD };

export const WEB_DIST = fileURLToPath(new URL('../dist', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 900 };

export interface E2E {
  ctx: TestContext;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser profile (no cookies) at the given size, with console and CSP errors recorded. */
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  /** Problems the pages reported: uncaught errors, CSP violations, failed requests to the app. */
  consoleErrors: string[];
  /** Seals the evidence log now (with the demo PKI, made at the first call), as the job would. */
  sealEvidence(): Promise<void>;
  close(): Promise<void>;
}

/** The key-encryption key of the demo PKI that sealEvidence makes. */
const E2E_KEK = Buffer.alloc(32, 17).toString('base64');

export async function startE2E(): Promise<E2E> {
  if (!existsSync(`${WEB_DIST}/index.html`))
    throw new Error(`No web build in ${WEB_DIST}: run \`npm run build -w @tayninh/web\` (npm test does it).`);
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (.ci/run does it).`);
  const ctx = await startTestApp({ webDir: WEB_DIST, trustKek: E2E_KEK });
  const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Native date inputs follow the browser's language: dd/mm/yyyy, as a Vietnamese user sees it.
      '--lang=vi-VN',
    ],
  });
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  mkdirSync(SCREENSHOTS, { recursive: true });
  let pki = false;
  return {
    ctx,
    baseUrl: address,
    browser,
    consoleErrors,
    async sealEvidence() {
      if (!pki) await seedDemoPki(ctx.handle.db, { env: { TRUST_KEK: E2E_KEK }, embedded: null });
      pki = true;
      const opened = await openSealingKit(ctx.handle.db, ctx.handle.kind, ctx.config);
      if (!opened.kit) throw new Error(`evidence: ${opened.reason}`);
      await sealUntilCaughtUp(ctx.handle.db, opened.kit);
    },
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: address,
        viewport: options.viewport ?? DESKTOP,
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
        acceptDownloads: true,
      });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (message) => {
        if (
          message.type() === 'error' &&
          !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())
        )
          consoleErrors.push(`${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await ctx.close();
    },
  };
}

export async function signIn(page: Page, username: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel(/^Tên đăng nhập/).fill(username);
  await page.getByLabel(/^Mật khẩu/).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string; failureSummary?: string }>;
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, so the page's CSP stays on)
 * and fails on serious or critical violations of WCAG 2.1 A/AA.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes
        .slice(0, 5)
        .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)} ${n.failureSummary ?? ''}`),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${label}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

/**
 * A journey's browser: the server and Chromium started before the file's tests and closed after
 * them, and `as(username)`, one browser profile per person signed in through the sign-in page once.
 */
export function useJourney(): { e2e: () => E2E; as: (username: string) => Promise<Page> } {
  let started: E2E | undefined;
  const pages = new Map<string, Page>();
  beforeAll(async () => {
    started = await startE2E();
  }, 120_000);
  afterAll(async () => {
    await started?.close();
  });
  const e2e = () => {
    if (!started) throw new Error('the journey has not started');
    return started;
  };
  return {
    e2e,
    as: async (username) => {
      let page = pages.get(username);
      if (!page) {
        page = await e2e().newPage();
        await signIn(page, username);
        pages.set(username, page);
      }
      return page;
    },
  };
}
