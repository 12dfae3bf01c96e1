import fs from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, startApp, type Started } from './browser';

/**
 * One `npm start` and one Chromium per e2e file, and a way in as a demo user (through the
 * dev login page, as a person would).
 */
export function useBrowserApp(): {
  app: () => Started;
  loggedIn: (userId: string, name: string) => Promise<{ context: BrowserContext; page: Page }>;
  newPage: () => Promise<Page>;
} {
  let app: Started;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
    return context.newPage();
  };
  return {
    app: () => app,
    newPage,
    async loggedIn(userId, name) {
      const page = await newPage();
      await page.goto(app.url);
      await page.getByText('本地演示：选择一位用户').waitFor();
      await page.getByTestId(`login-${userId}`).click();
      await page.getByText(`${name}，您好`).waitFor();
      return { context: page.context(), page };
    },
  };
}

/**
 * Screenshot of an element once it stops moving: the H5 router slides pages in, and a
 * picture taken mid-slide shows a shifted, cut-off code.
 */
export async function settledScreenshot(el: Locator, path: string): Promise<Buffer> {
  let last = '';
  for (let i = 0; i < 50; i++) {
    const box = JSON.stringify(await el.boundingBox());
    if (box === last && box !== 'null') break;
    last = box;
    await new Promise((r) => setTimeout(r, 100));
  }
  return el.screenshot({ path });
}
