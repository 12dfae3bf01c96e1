import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from '../support/browser';
import { settledScreenshot, useBrowserApp } from '../support/e2e';

/**
 * At the counter, in the H5 build against `npm start`: a volunteer gets a code; the merchant
 * confirms one by typing its 8 digits and another by reading the QR off a screenshot; both
 * screens then show the new balances.
 */
const { app, loggedIn } = useBrowserApp();

async function getCode(page: Page): Promise<void> {
  await page.goto(`${app().url}/#/pages/offers/index`);
  await page.getByText('鲜鸡蛋一盒（10 枚）').last().waitFor();
  await page
    .locator('taro-button-core', { hasText: /^兑换$/ })
    .last()
    .click();
  await page.getByTestId('redeem-digits').last().waitFor();
}

async function confirmAtCounter(page: Page, code: string): Promise<void> {
  await page.goto(`${app().url}/#/shop/counter/index`);
  await page.locator('input[placeholder="输入 8 位数字或粘贴兑换码"]').last().fill(code);
  await page.getByText('查询兑换码').last().click();
  await page.getByTestId('counter-offer').last().waitFor();
  await expect(page.getByText('刘*', { exact: true }).last().isVisible()).resolves.toBe(true);
  await page.getByText('确认兑换').last().click();
  await expect(page.getByTestId('counter-result').last().textContent()).resolves.toBe('兑换成功');
}

it('a merchant confirms one code by its digits and one by its QR; both sides see the new balances', async () => {
  const vol = await loggedIn('u-vol-1', '刘洋');
  const shop = await loggedIn('u-merchant', '周明');

  await getCode(vol.page);
  const digits = ((await vol.page.getByTestId('redeem-digits').last().textContent()) ?? '').replace(/\s/g, '');
  expect(digits).toMatch(/^\d{8}$/);
  await confirmAtCounter(shop.page, digits);

  await getCode(vol.page);
  const img = vol.page.getByTestId('redeem-qr').last().locator('img');
  await vol.page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="redeem-qr"] img')).every((i) => (i as HTMLImageElement).complete));
  const png = PNG.sync.read(await settledScreenshot(img, path.join(ARTIFACTS, 'redeem-qr.png')));
  const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(qr?.data).toMatch(/^yqr1\./);
  await confirmAtCounter(shop.page, qr!.data);
  // The holder's screen learns by itself that the code was used (it asks every few seconds)
  // and says what was bought: the QR goes away.
  await vol.page.getByTestId('redeem-used').last().waitFor({ timeout: 10_000 });
  await vol.page
    .getByText(/「鲜鸡蛋一盒（10 枚）」已在朝阳门生活超市兑换，扣除 1 时间币/)
    .last()
    .waitFor();
  expect(await vol.page.getByTestId('redeem-open').count()).toBe(0);
  await shop.page.getByText('共 2 笔，2 时间币', { exact: true }).last().waitFor();
  await shop.page.getByText('待结算 2 时间币', { exact: true }).last().waitFor();
  await shop.page.screenshot({ path: path.join(ARTIFACTS, 'counter-after.png'), fullPage: true });

  // 150 minutes − 2 × 60 = 30 minutes = 0.5 币.
  await vol.page.goto(`${app().url}/#/pages/me/index`);
  await expect(vol.page.getByTestId('me-balance').last().textContent()).resolves.toBe('0.5');
  await vol.page.getByText('商户兑换：朝阳门生活超市 · 鲜鸡蛋一盒（10 枚）').first().waitFor();
  await vol.page.screenshot({ path: path.join(ARTIFACTS, 'me-after-redeem.png'), fullPage: true });
  await vol.context.close();
  await shop.context.close();
});

it('an open code reopens from 兑换记录, and cancelling it asks first and takes nothing', async () => {
  const vol = await loggedIn('u-vol-2', '陈静');
  await getCode(vol.page);
  const digits = await vol.page.getByTestId('redeem-digits').last().textContent();
  await vol.page.goto(`${app().url}/#/pages/my-redemptions/index`);
  await vol.page
    .getByText(/点这里出示兑换码/)
    .last()
    .click();
  await expect(vol.page.getByTestId('redeem-digits').last().textContent()).resolves.toBe(digits);
  await vol.page.getByText('不换了，取消').last().click();
  await expect(vol.page.getByTestId('confirm-content').last().textContent()).resolves.toBe('取消后「鲜鸡蛋一盒（10 枚）」的兑换码就不能用了，不会扣时间币。');
  await vol.page.locator('.nut-dialog').getByText('确定取消', { exact: true }).last().click();
  await vol.page.getByText('兑换码已取消，没有扣除时间币').last().waitFor();
  await vol.page.goto(`${app().url}/#/pages/me/index`);
  await expect(vol.page.getByTestId('me-balance').last().textContent()).resolves.toBe('1');
  await vol.context.close();
});

it('a double tap on 兑换 issues one code, not two', async () => {
  const vol = await loggedIn('u-vol-2', '陈静');
  await vol.page.goto(`${app().url}/#/pages/offers/index`);
  await vol.page.getByText('鲜鸡蛋一盒（10 枚）').last().waitFor();
  await vol.page
    .locator('taro-button-core', { hasText: /^兑换$/ })
    .last()
    .dblclick();
  await vol.page.getByTestId('redeem-digits').last().waitFor();
  await vol.page.goto(`${app().url}/#/pages/my-redemptions/index`);
  await vol.page.getByTestId('redemption-item').first().waitFor();
  // The code cancelled in the test before, and the one just issued: nothing more.
  expect(await vol.page.getByText('待使用', { exact: true }).count()).toBe(1);
  await vol.context.close();
});

it('the street admin registers a new merchant with an operator found by phone', async () => {
  const admin = await loggedIn('u-admin', '王建国');
  await admin.page.goto(`${app().url}/#/admin/merchants/index`);
  await admin.page.getByText('登记新商户').last().click();
  await admin.page.locator('input[placeholder="例如：朝阳门生活超市"]').last().fill('朝阳门修鞋铺');
  await admin.page.locator('input[placeholder="例如：朝阳门南小街 12 号"]').last().fill('朝阳门北小街 3 号');
  await admin.page.getByText('点这里选择社区').last().click();
  await admin.page.locator('.nut-picker').getByText('确认', { exact: true }).last().click();
  await admin.page.locator('input[placeholder="店员的手机号"]').last().fill('13810000013');
  await admin.page.getByText('查找', { exact: true }).last().click();
  // Every person with the number is listed, with enough to tell them apart; staff pick one.
  await admin.page.getByTestId('lookup-match').getByText('赵磊').last().waitFor();
  await admin.page.getByText('选这一位').last().click();
  await admin.page.getByTestId('operators').getByText('赵磊').last().waitFor();
  await admin.page.getByText('登记商户', { exact: true }).last().click();
  await admin.page.getByText('朝阳门修鞋铺').last().waitFor();
  await admin.context.close();
});
