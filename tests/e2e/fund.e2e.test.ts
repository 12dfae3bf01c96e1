import path from 'node:path';
import { ARTIFACTS } from '../support/browser';
import { useBrowserApp } from '../support/e2e';

/**
 * The fund's committee in the H5 build: the street admin opens 管委会 from home, replaces a
 * member found by phone, chooses 三分之二以上同意, is asked first, and sees the new committee.
 */
const { loggedIn } = useBrowserApp();

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
