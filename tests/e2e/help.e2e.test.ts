import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from '../support/browser';
import { settledScreenshot, useBrowserApp } from '../support/e2e';

/**
 * 求助 end to end in the H5 build against `npm start`, as the people do it: 孙伟 in 长辈模式
 * asks for 孙桂兰 in three taps from his home screen; 刘洋 finds it under 求助, sees the door
 * only once he has taken it, and says it is done; 孙伟 confirms with five stars. Both inboxes
 * say what happened and the coins move from 孙桂兰's wallet (held at posting) to 刘洋's.
 */
const { loggedIn } = useBrowserApp();

const text = async (page: Page, testId: string): Promise<string> => ((await page.getByTestId(testId).last().textContent()) ?? '').trim();

async function inbox(page: Page): Promise<string[]> {
  await page.getByText('消息', { exact: true }).last().click();
  await page.getByTestId('message-item').first().waitFor();
  return page.getByTestId('message-item').allTextContents();
}

it('a proxy asks for help for an elder in three taps; a volunteer takes it, does it and is paid when the proxy confirms', async () => {
  const proxy = (await loggedIn('u-proxy', '孙伟')).page;
  await proxy.getByTestId('elder-switch').last().click();
  await proxy.getByText('已打开：字和按钮都变大了').last().waitFor();
  const held = proxy.getByTestId('held-u-elder');
  await held.getByText(/时间币 · 进行中的求助 0 条/).waitFor();
  await expect(held.textContent()).resolves.toContain('2 时间币');

  // Three taps from the home screen: 帮TA求助, a tile, 发布 (the form comes filled in).
  await held.getByText('帮TA求助', { exact: true }).click();
  await proxy.getByTestId('tile-shopping').last().click();
  await proxy.getByText('发布', { exact: true }).last().click();
  await expect(text(proxy, 'help-posted')).resolves.toMatch(/^已为孙桂兰发布：帮忙买菜，明天上午 9:00，1 时间币已预留/);
  await proxy.screenshot({ path: path.join(ARTIFACTS, 'help-posted-elder-mode.png'), fullPage: true });

  // 刘洋 finds it under 求助 with only the area shown; the door appears once he takes it.
  const vol = (await loggedIn('u-vol-1', '刘洋')).page;
  const before = Number(await text(vol, 'home-balance'));
  await vol.getByTestId('tab-help').last().click();
  await vol.getByTestId('help-item').filter({ hasText: '代买代办：帮忙买菜' }).first().click();
  await vol.getByText('接单后才显示详细地址').last().waitFor();
  expect(await text(vol, 'help-address')).not.toContain('2 单元 301');
  await vol.getByText('我来帮忙（接单）', { exact: true }).last().click();
  await vol.getByTestId('help-address').getByText('新鲜胡同 5 号院 2 单元 301', { exact: true }).last().waitFor();
  await vol.getByText('已经帮完了', { exact: true }).last().click();
  await vol.getByText('志愿者已完成，等确认', { exact: true }).last().waitFor();

  // 孙伟's inbox says who took it and that it is done; he confirms from the message.
  await proxy.getByText('回到首页', { exact: true }).last().click();
  const proxyMessages = await inbox(proxy);
  expect(proxyMessages).toEqual(expect.arrayContaining(['求助有人接了', '志愿者说已完成']));
  await proxy.getByTestId('message-item').filter({ hasText: '志愿者说已完成' }).first().click();
  await proxy
    .getByText(/^确认完成，付 1 时间币$/)
    .last()
    .click();
  await proxy.getByText('评价', { exact: true }).last().waitFor();
  await expect(proxy.getByText('5 星', { exact: false }).last().textContent()).resolves.toContain('5 星');

  // The volunteer is paid the reward and told so; 孙桂兰's wallet keeps the other coin.
  await vol.goto(vol.url().replace(/#.*$/, '#/pages/home/index'));
  await vol.getByTestId('home-balance').waitFor();
  await expect(text(vol, 'home-balance').then(Number)).resolves.toBe(before + 1);
  expect(await inbox(vol)).toContain('求助已确认');
  await proxy.goto(proxy.url().replace(/#.*$/, '#/pages/elder/index?id=u-elder'));
  await expect(text(proxy, 'elder-balance')).resolves.toBe('1 时间币');
  await proxy.getByText('确认求助完成：代买代办', { exact: true }).first().waitFor();
  await proxy.getByText('发布求助：代买代办', { exact: true }).first().waitFor();
  await proxy.screenshot({ path: path.join(ARTIFACTS, 'help-elder-after.png'), fullPage: true });
}, 120_000);

it("staff print an elder's card; a volunteer scans its QR, asks to hold her, staff verify it on screen, and she is on the volunteer's home", async () => {
  const staff = (await loggedIn('u-staff', '李秀英')).page;
  await staff.getByText('长者与代持', { exact: true }).last().click();
  await staff.getByTestId('elder-item').filter({ hasText: '周秀珍' }).first().click();
  await staff.getByText('打印联系卡', { exact: true }).last().click();
  const img = staff.getByTestId('elder-qr').last().locator('img');
  await staff.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="elder-qr"] img')).every((i) => (i as HTMLImageElement).complete));
  const png = PNG.sync.read(await settledScreenshot(img, path.join(ARTIFACTS, 'elder-card-qr.png')));
  const content = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
  expect(content).toBe('yqelder:u-elder-2');

  // 赵磊 holds nobody: the card's QR opens the elder's page, which offers him only 申请代持.
  const vol = (await loggedIn('u-vol-3', '赵磊')).page;
  expect(await vol.getByTestId('held-u-elder-2').count()).toBe(0);
  await vol.getByText('扫码签到 / 签退', { exact: true }).last().click();
  await vol.locator('input[placeholder="粘贴签到码"]').last().fill(content!);
  await vol.getByText('提交签到码', { exact: true }).last().click();
  await vol.getByText('申请代持这位长者', { exact: true }).last().click();
  await vol.getByText('提交申请', { exact: true }).last().click();
  await vol.getByTestId('my-link').filter({ hasText: '周秀珍' }).first().waitFor();
  await vol.getByText('等社工核实', { exact: true }).first().waitFor();

  // Staff see the request waiting and verify it; the proxy's home then shows 周秀珍 and 帮TA求助.
  await staff.goto(staff.url().replace(/#.*$/, '#/staff/elders/index'));
  await staff.getByTestId('waiting-link').filter({ hasText: '赵磊 申请代持 周秀珍' }).first().waitFor();
  await staff.getByText('核实通过：赵磊 代持 周秀珍', { exact: true }).last().click();
  await staff.getByTestId('waiting-link').filter({ hasText: '赵磊 申请代持 周秀珍' }).first().waitFor({ state: 'detached' });
  await vol.goto(vol.url().replace(/#.*$/, '#/pages/home/index'));
  const held = vol.getByTestId('held-u-elder-2');
  await held.getByText('帮TA求助', { exact: true }).waitFor();
  await held.getByText(/时间币 · 进行中的求助 1 条/).waitFor();
}, 120_000);
