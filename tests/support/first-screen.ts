import zlib from 'node:zlib';
import type { Browser } from 'playwright-core';

/**
 * The H5 first screen as a browser downloads it: a logged-in person opens the app on 首页 with
 * an empty cache; every script and stylesheet it fetches, gzipped as a server would send it.
 */
export async function h5FirstScreen(browser: Browser, url: string, userId: string, name: string): Promise<{ gzipped: number; raw: number; files: number }> {
  const login = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await login.newPage();
  await page.goto(url);
  await page.getByTestId(`login-${userId}`).click();
  await page.getByText(`${name}，您好`).waitFor();
  const state = await login.storageState();
  await login.close();

  const fresh = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: state });
  const first = await fresh.newPage();
  const bodies: Array<Promise<Buffer>> = [];
  first.on('response', (r) => {
    if (/\.(js|css)(\?|$)/.test(r.url())) bodies.push(r.body());
  });
  await first.goto(`${url}/#/pages/home/index`);
  await first.getByText(`${name}，您好`).waitFor();
  await first.waitForLoadState('networkidle');
  const files = await Promise.all(bodies);
  await fresh.close();
  return {
    files: files.length,
    raw: files.reduce((s, b) => s + b.length, 0),
    gzipped: files.reduce((s, b) => s + zlib.gzipSync(b).length, 0),
  };
}
