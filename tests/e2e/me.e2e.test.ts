import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, until } from '../support/browser';
import { useBrowserApp } from '../support/e2e';

/**
 * The H5 build in headless Chromium against `npm start`, clicking what a person clicks and
 * reading what a person reads.
 */
const { app, newPage, loggedIn } = useBrowserApp();

/** Opens the app, picks a demo user on the dev login and goes to 我的. */
async function openMeAs(userId: string, name: string): Promise<Page> {
  const { page } = await loggedIn(userId, name);
  await page.getByText('我的', { exact: true }).click();
  await page.getByTestId('me-name').waitFor();
  return page;
}

const fontSize = (page: Page, testId: string): Promise<number> => page.getByTestId(testId).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

describe('我的 in the browser', () => {
  it('log in as u-vol-1 (刘洋) and see the Chinese name and the 2.5 时间币 balance with its history', async () => {
    const page = await openMeAs('u-vol-1', '刘洋');
    await expect(page.getByTestId('me-name').textContent()).resolves.toBe('刘洋');
    await expect(page.getByTestId('me-balance').textContent()).resolves.toBe('2.5');
    await page.getByText('新鲜社区', { exact: true }).waitFor();
    await page.getByText('历史时长导入：朝阳门街道原平台').waitFor();
    await page.getByText('+2.5').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'me-u-vol-1.png'), fullPage: true });
    await page.context().close();
  });

  it('turning on 长辈模式 makes the text larger, and it stays on after the app restarts', async () => {
    const page = await openMeAs('u-vol-1', '刘洋');
    const before = await fontSize(page, 'me-name');
    await page.getByTestId('elder-switch').click();
    expect(
      await until(
        () => fontSize(page, 'me-name'),
        (v) => v > before * 1.25,
      ),
    ).toBeGreaterThan(before * 1.25);
    await page.screenshot({ path: path.join(ARTIFACTS, 'me-u-vol-1-elder.png'), fullPage: true });
    await page.reload();
    await page.getByTestId('me-name').waitFor();
    expect(await fontSize(page, 'me-name')).toBeGreaterThan(before * 1.25);
    await page.context().close();
  });

  it('a volunteer gives half a 时间币 to the community pool and sees the rest', async () => {
    const { page } = await loggedIn('u-vol-3', '赵磊');
    // 赵磊 starts with nothing: the pool donation is refused in plain Chinese and changes nothing.
    await page.getByText('捐时间币', { exact: true }).click();
    await page.getByText('0.5 币').last().click();
    await page.getByText('捐出 0.5 时间币').last().click();
    // Coins given cannot be taken back: the screen asks first, saying how much and to whom.
    await expect(page.getByTestId('confirm-content').last().textContent()).resolves.toBe('把 0.5 时间币捐给新鲜社区公益池。捐出后不能退回。');
    await page.locator('.nut-dialog').getByText('确认捐出', { exact: true }).last().click();
    await page.getByText('时间币余额不足').last().waitFor();
    await page.context().close();

    const vol2 = await loggedIn('u-vol-2', '陈静');
    await vol2.page.getByText('捐时间币', { exact: true }).click();
    await vol2.page.getByText('0.5 币').last().click();
    await vol2.page.getByText('捐出 0.5 时间币').last().click();
    // "再想想" gives nothing; the balance shown stays.
    await vol2.page.locator('.nut-dialog').getByText('再想想', { exact: true }).last().click();
    await vol2.page.getByText('现有 1 时间币。选一个数目：').last().waitFor();
    await vol2.page.getByText('捐出 0.5 时间币').last().click();
    await vol2.page.locator('.nut-dialog').getByText('确认捐出', { exact: true }).last().click();
    await vol2.page.getByText('捐赠成功，谢谢您！').last().waitFor();
    await vol2.page.getByText('现在还有 0.5 时间币').last().waitFor();
    await vol2.context.close();
  });

  it('when the network fails, the screen says so with 再试一次 (never a blank page), and trying again loads it', async () => {
    const page = await openMeAs('u-vol-1', '刘洋');
    await page.route('**/api/wallet', (r) => r.abort('internetdisconnected'));
    await page.reload();
    await page.getByText('没有加载出来').last().waitFor({ timeout: 20_000 });
    await page.unroute('**/api/wallet');
    await page.getByText('再试一次').last().click();
    await page.getByTestId('history-entry').first().waitFor();
    await page.context().close();
  });

  it('a new WeChat user registers and lands on their home page', async () => {
    const page = await newPage();
    await page.goto(app().url);
    await page.getByText('以新微信用户身份进入（体验注册）').click();
    await page.getByText('欢迎来到益圈').waitFor();
    await page.getByText('完成注册').click();
    // Nothing chosen yet: the form says what is missing, in Chinese, and stays.
    await page.getByText('请选择您住的社区').waitFor();
    await page.locator('input[placeholder="请填写真实姓名"]').fill('黄小梅');
    await page.locator('input[placeholder="11 位手机号"]').fill('1391234');
    // The picker opens on the first community (sorted by pinyin): 朝内头条社区.
    await page.getByText('点这里选择社区').click();
    await page.locator('.nut-picker').getByText('确认', { exact: true }).click();
    await page.locator('.yq-choice', { hasText: '朝内头条社区' }).waitFor();
    await page.getByText('完成注册').click();
    await page.getByText('请填写 11 位手机号').waitFor();
    await page.locator('input[placeholder="11 位手机号"]').fill('13912345678');
    await page.getByText('完成注册').click();
    await page.getByText('黄小梅，您好').waitFor();
    await page.getByText(/朝内头条社区 · 居民、志愿者/).waitFor();
    await page.context().close();
  });

  it('a long history pages as the person scrolls: 20 at first, the rest when they reach the bottom, then 已经到底了', async () => {
    // 25 gifts of a minute each, made through the API as the app makes them.
    const token = (await (await fetch(`${app().url}/api/dev/login`, { method: 'POST', body: JSON.stringify({ userId: 'u-vol-1' }) })).json()).data.token;
    for (let i = 0; i < 25; i++) {
      const r = await fetch(`${app().url}/api/donate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'coins', input: { poolCommunityId: 'c-xinxian', amountMinutes: 1 }, requestId: `e2e-gift-${i}-${Date.now()}` }),
      });
      expect(r.status).toBe(200);
    }
    const page = await openMeAs('u-vol-1', '刘洋');
    await page.getByTestId('history-entry').nth(19).waitFor();
    expect(await page.getByTestId('history-entry').count()).toBe(20);
    await page.getByTestId('load-more').getByText('加载更多').waitFor();
    // Scroll to the bottom as a thumb would (the list is below the fold), without tapping anything.
    await page.mouse.move(195, 500);
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 2_000);
    await page.getByTestId('history-entry').nth(25).waitFor();
    await page.getByTestId('load-more').getByText('已经到底了').waitFor();
    expect(await page.getByTestId('history-entry').count()).toBe(26);
    await page.context().close();
  });
});
