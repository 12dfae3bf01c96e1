import { H5_FIRST_SCREEN_BUDGET, kib } from '../../scripts/bundle-sizes';
import { launchChromium, startApp, type Started } from '../support/browser';
import { h5FirstScreen } from '../support/first-screen';
import type { Browser } from 'playwright-core';

/**
 * The H5 first screen stays within 250 KB gzipped: pages share React, Taro, NutUI and the
 * contract in chunks of their own instead of each page carrying a copy (config/index.ts).
 */
let app: Started;
let browser: Browser;
beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('首页 with an empty cache downloads at most 250 KB of gzipped scripts and styles', async () => {
  const s = await h5FirstScreen(browser, app.url, 'u-vol-1', '刘洋');
  console.log(`H5 first screen: ${s.files} files, ${kib(s.raw)} raw, ${kib(s.gzipped)} gzipped`);
  expect(s.files).toBeGreaterThan(2);
  expect(s.gzipped).toBeLessThanOrEqual(H5_FIRST_SCREEN_BUDGET);
});
