import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from '../support/browser';
import { useBrowserApp } from '../support/e2e';

/**
 * The fund's committee in the H5 build: the street admin opens 管委会 from home, replaces a
 * member found by phone, chooses 三分之二以上同意, is asked first, and sees the new committee.
 */
const { loggedIn, newPage, app } = useBrowserApp();

it('the street admin names the committee and its rule', async () => {
  const { page } = await loggedIn('u-admin', '王建国');
  await page.getByText('管委会', { exact: true }).last().click();
  await expect(page.getByTestId('committee-rule').last().textContent()).resolves.toBe('3 名委员，资助需要 2 人同意');

  const picked = page.getByTestId('committee-picked').last();
  await picked.locator('.nut-cell', { hasText: '冯敏' }).getByText('移除', { exact: true }).click();
  await page.locator('input[placeholder="委员的手机号"]').last().fill('13810000011');
  await page.getByText('查找', { exact: true }).last().click();
  await page.getByTestId('lookup-match').getByText('刘洋').last().waitFor();
  await page.getByText('选这一位', { exact: true }).last().click();
  await picked.getByText('刘洋', { exact: true }).waitFor();
  expect(await picked.getByText('冯敏', { exact: true }).count()).toBe(0);

  await page.getByText('三分之二', { exact: true }).last().click();
  await page.getByText('保存管委会', { exact: true }).last().click();
  await expect(page.getByTestId('confirm-content').last().textContent()).resolves.toBe(
    '管委会将有 3 名委员：吴芳、郑强、刘洋。微项目需要三分之二以上同意才能资助。',
  );
  await page.locator('.nut-dialog').getByText('确认保存', { exact: true }).last().click();
  await page.getByTestId('committee-member').getByText('刘洋', { exact: true }).last().waitFor();
  await expect(page.getByTestId('committee-rule').last().textContent()).resolves.toBe('3 名委员，资助需要 2 人同意');
  await page.getByText('三分之二以上同意；有利益关系的委员回避，不计入人数').last().waitFor();
  expect(await page.getByTestId('committee-member').getByText('冯敏', { exact: true }).count()).toBe(0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'committee-after.png'), fullPage: true });
}, 120_000);

it('staff submit a draft; the three members answer in the browser (one steps aside); everyone then sees the tally and each ballot', async () => {
  const staff = (await loggedIn('u-staff', '李秀英')).page;
  await staff.getByText('社区微项目', { exact: true }).last().click();
  await staff.getByText('草稿', { exact: true }).last().click();
  await staff.getByTestId('project-item').getByText('社区助餐点', { exact: true }).last().click();
  await staff.getByText('提交管委会评审', { exact: true }).last().click();
  await staff.locator('.nut-dialog').getByText('确认提交', { exact: true }).last().click();
  await staff.getByTestId('project-status').getByText('管委会评审中', { exact: true }).last().waitFor();
  await expect(staff.getByTestId('review-progress').last().textContent()).resolves.toBe('0 / 3 位委员已表态');

  const answers: Array<[string, string, (page: Page) => Promise<void>]> = [
    [
      'u-committee-1',
      '吴芳',
      async (page) => {
        await page.locator('input[placeholder="例如：预算合理"]').last().fill('老人需要');
        await page.getByText('投票', { exact: true }).last().click();
        await page.locator('.nut-dialog').getByText('确认投票', { exact: true }).last().click();
      },
    ],
    [
      'u-committee-2',
      '郑强',
      async (page) => {
        await page.locator('input[placeholder="例如：我在申请的单位工作"]').last().fill('我家在社区食堂入股');
        await page.getByText('声明回避', { exact: true }).last().click();
        await page.locator('.nut-dialog').getByText('确认回避', { exact: true }).last().click();
      },
    ],
    // The committee as the admin left it in the test above: 刘洋 sits in place of 冯敏.
    [
      'u-vol-1',
      '刘洋',
      async (page) => {
        await page.getByText('投票', { exact: true }).last().click();
        await page.locator('.nut-dialog').getByText('确认投票', { exact: true }).last().click();
      },
    ],
  ];
  for (const [userId, name, answer] of answers) {
    const { page, context } = await loggedIn(userId, name);
    // Told in the inbox; the message opens the project.
    await page.getByText('消息', { exact: true }).last().click();
    await page.getByTestId('message-item').getByText('有微项目等您评审', { exact: true }).first().click();
    await page.getByText('社区助餐点', { exact: true }).last().waitFor();
    await answer(page);
    await page.getByText('我的表态', { exact: true }).or(page.getByTestId('tally')).last().waitFor();
    await context.close();
  }

  const { page } = await loggedIn('u-resident', '马丽');
  await page.getByText('社区微项目', { exact: true }).last().click();
  await page.getByTestId('project-item').getByText('社区助餐点', { exact: true }).last().click();
  await page.getByTestId('project-status').getByText('筹款和执行中', { exact: true }).last().waitFor();
  await expect(page.getByTestId('tally').last().textContent()).resolves.toBe('通过：同意 2，反对 0，弃权 0，回避 1，未投 0');
  expect(await page.getByTestId('ballot').allTextContents()).toEqual(['吴芳：同意', '郑强：回避', '刘洋：同意']);
  await page.getByText('老人需要', { exact: true }).last().waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'project-decided.png'), fullPage: true });
}, 180_000);

/** A real 1×1 PNG, as a phone's photo would be picked. */
const RECEIPT = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

it('staff record a donation and a payment with its receipt photo; the project page, opened by a stranger without logging in, shows it all', async () => {
  const { page } = await loggedIn('u-staff', '李秀英');
  await page.getByText('社区微项目', { exact: true }).last().click();
  await page.getByTestId('project-item').getByText('德有邻孝老行动', { exact: true }).last().click();
  await page.getByText('登记捐赠', { exact: true }).last().click();
  await page.locator('input[placeholder="例如：新鲜物业"]').last().fill('朝阳门社区居民王大爷');
  await page.locator('input[placeholder="例如 500"]').last().fill('888.8');
  await page.getByText('请选择渠道', { exact: true }).last().click();
  await page
    .locator('.nut-picker')
    .getByText('确定', { exact: true })
    .or(page.locator('.nut-picker').getByText('确认', { exact: true }))
    .last()
    .click();
  await page.locator('input[placeholder="例如：99GY-0001"]').last().fill('XJ-2026-118');
  await page.getByText('登记', { exact: true }).last().click();
  await expect(page.getByTestId('confirm-content').last().textContent()).resolves.toBe('朝阳门社区居民王大爷：捐款 ¥888.80。登记后公开在项目页面上。');
  await page.locator('.nut-dialog').getByText('确认登记', { exact: true }).last().click();
  await page.getByTestId('donation').getByText('朝阳门社区居民王大爷', { exact: true }).last().waitFor();

  await page.getByText('登记支出', { exact: true }).last().click();
  await page.getByTestId('left').last().waitFor();
  await page.locator('input[placeholder="例如 1200"]').last().fill('300');
  await page.locator('input[placeholder="例如：生日会蛋糕"]').last().fill('十一月生日会蛋糕');
  await page.locator('input[placeholder="例如：好味蛋糕店"]').last().fill('好味蛋糕店');
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('拍照或选照片', { exact: true }).last().click();
  await (await chooser).setFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: RECEIPT });
  await page.getByText('再加照片', { exact: true }).last().waitFor();
  await page.getByText('登记支出', { exact: true }).last().click();
  await page.locator('.nut-dialog').getByText('确认登记', { exact: true }).last().click();
  await page.getByTestId('disbursement').getByText('十一月生日会蛋糕：付给好味蛋糕店', { exact: true }).last().waitFor();

  // A stranger opens the shared link: no login, no redirect, everything public.
  const stranger = await newPage();
  await stranger.goto(`${app().url}/#/pages/project/index?id=pj-deyoulin`);
  await stranger.getByTestId('project-status').getByText('筹款和执行中', { exact: true }).last().waitFor();
  await stranger.getByTestId('donation').getByText('朝阳门社区居民王大爷', { exact: true }).last().waitFor();
  await stranger.getByTestId('disbursement').getByText('十一月生日会蛋糕：付给好味蛋糕店', { exact: true }).last().waitFor();
  // Payments are listed newest first: this one's receipt comes before the demo's.
  const photos = stranger.getByTestId('photos').first();
  await photos.waitFor({ state: 'attached' });
  const photo = photos.locator('img').first();
  await photo.waitFor();
  await expect(photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).resolves.toBe(1);
  expect(await stranger.getByTestId('money').last().textContent()).toMatch(/已支出 ¥[\d,]+\.\d\d/);
  await stranger.getByTestId('tally').last().waitFor();
  expect(await stranger.getByText('登记捐赠', { exact: true }).count()).toBe(0);
  expect(stranger.url()).not.toContain('dev-login');
  await stranger.screenshot({ path: path.join(ARTIFACTS, 'project-public.png'), fullPage: true });
}, 180_000);

it("a proxy gives an elder's coins to a project; the project's page thanks the elder by name", async () => {
  const { page } = await loggedIn('u-proxy', '孙伟');
  await page.goto(`${app().url}/#/pages/donate-coins/index?projectId=pj-deyoulin`);
  await page.getByText('捐给《德有邻孝老行动》', { exact: true }).last().waitFor();
  await page.getByText('孙桂兰', { exact: true }).last().click();
  await page.getByText('用孙桂兰的时间币。选一个数目：', { exact: true }).last().waitFor();
  await page.getByText('捐出 1 时间币', { exact: true }).last().click();
  await expect(page.getByTestId('confirm-content').last().textContent()).resolves.toBe('用孙桂兰的 1 时间币捐给《德有邻孝老行动》。捐出后不能退回。');
  await page.locator('.nut-dialog').getByText('确认捐出', { exact: true }).last().click();
  await page.getByText('捐赠成功，谢谢您！', { exact: true }).last().waitFor();

  await page.goto(`${app().url}/#/pages/project/index?id=pj-deyoulin`);
  await page.getByTestId('donation').getByText('孙桂兰', { exact: true }).last().waitFor();
  expect(await page.getByTestId('money').last().textContent()).toBeTruthy();
  await page.getByText('另有捐物估价 ¥1,600.00，时间币 1 个', { exact: true }).last().waitFor();
}, 120_000);
