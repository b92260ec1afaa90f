/**
 * What a citizen's browser downloads for a page: every script it loaded (from the Resource
 * Timing entries), with its size as served and its size gzip-compressed at level 9 (the figure
 * reported in the README, independent of whether the browser negotiated br or gzip).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { WEB_DIST } from './harness';

export interface PageWeight {
  scripts: Array<{ path: string; bytes: number; gzipBytes: number; transferBytes: number }>;
  totalBytes: number;
  totalGzipBytes: number;
  totalTransferBytes: number;
  /** Navigation start → load event (ms). */
  loadMs: number;
  /** Navigation start → DOMContentLoaded (ms). */
  domContentLoadedMs: number;
}

export async function measurePage(page: Page): Promise<PageWeight> {
  const entries = await page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
      .map((entry) => ({ url: entry.name, transfer: entry.encodedBodySize }));
    return {
      resources,
      loadMs: navigation.loadEventEnd - navigation.startTime,
      domContentLoadedMs: navigation.domContentLoadedEventEnd - navigation.startTime,
    };
  });
  const scripts = entries.resources.map((resource) => {
    const path = new URL(resource.url).pathname;
    const content = readFileSync(join(WEB_DIST, path));
    return {
      path,
      bytes: content.length,
      gzipBytes: gzipSync(content, { level: 9 }).length,
      transferBytes: resource.transfer,
    };
  });
  return {
    scripts,
    totalBytes: scripts.reduce((sum, s) => sum + s.bytes, 0),
    totalGzipBytes: scripts.reduce((sum, s) => sum + s.gzipBytes, 0),
    totalTransferBytes: scripts.reduce((sum, s) => sum + s.transferBytes, 0),
    loadMs: entries.loadMs,
    domContentLoadedMs: entries.domContentLoadedMs,
  };
}
