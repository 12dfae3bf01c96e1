import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from '../support/browser';
import { settledScreenshot, useBrowserApp } from '../support/e2e';

/**
 * A whole activity as people live it, in the H5 build against `npm start`: staff publish it
 * and show the rotating code; the test reads the code off a screenshot like a phone camera
 * would and a volunteer enters it; time passes on the dev clock; the volunteer checks out;
 * staff approve in the UI; the volunteer's 我的 shows the new balance.
 */
const { app, loggedIn } = useBrowserApp();

/** Reads the QR code on screen from a screenshot, as a phone camera would. */
async function readQr(page: Page, shot: string): Promise<string> {
  const image = page.getByTestId('qr-image');
  await image.waitFor();
  await page.waitForFunction(() => (document.querySelector('[data-testid="qr-image"] img') as HTMLImageElement | null)?.complete === true);
  const png = PNG.sync.read(await settledScreenshot(image.locator('img'), path.join(ARTIFACTS, shot)));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error('no QR code found in the screenshot');
  return code.data;
}

async function enterCode(page: Page, token: string): Promise<void> {
  await page.goto(`${app().url}/#/pages/scan/index`);
  await page.locator('input[placeholder="粘贴签到码"]').fill(token);
  await page.getByText('提交签到码').click();
}

it('staff publish an activity and show the code; a volunteer checks in and out; staff approve; the balance grows', async () => {
  const staff = await loggedIn('u-staff', '李秀英');
  await staff.page.getByText('发布活动', { exact: true }).first().click();
  await staff.page.locator('input[placeholder="例如：陪伴独居老人聊天"]').fill('e2e 陪伴独居老人');
  await staff.page.getByText('发布活动', { exact: true }).last().click();
  await staff.page.getByText('出示签到码').click();
  await staff.page.getByText('请扫码签到').waitFor();
  const checkInCode = await readQr(staff.page, 'qr-check-in.png');
  expect(checkInCode).toMatch(/^yq1\./);

  const vol = await loggedIn('u-vol-1', '刘洋');
  await enterCode(vol.page, checkInCode);
  await expect(vol.page.getByTestId('scan-result').textContent()).resolves.toBe('签到成功');
  await vol.page.getByText('e2e 陪伴独居老人').waitFor();

  // The door screen counts the volunteer once its next refresh comes (at most 30 s later).
  await staff.page.getByText('已签到 1 人').waitFor({ timeout: 35_000 });

  // An hour passes (the dev clock), then the staff show the check-out code.
  const clock = await fetch(`${app().url}/api/dev/clock`, { method: 'POST', body: JSON.stringify({ advanceMinutes: 61 }) });
  expect(clock.status).toBe(200);
  await staff.page.goBack();
  await staff.page.getByText('出示签退码').click();
  await staff.page.getByText('请扫码签退').waitFor();
  const checkOutCode = await readQr(staff.page, 'qr-check-out.png');
  expect(checkOutCode).not.toBe(checkInCode);

  await enterCode(vol.page, checkOutCode);
  await expect(vol.page.getByTestId('scan-result').textContent()).resolves.toBe('签退成功');
  await vol.page.getByText('本次可计 1 时间币，社工审核后到账').waitFor();

  // A screenshot of the code sent home a minute later no longer works.
  await fetch(`${app().url}/api/dev/clock`, { method: 'POST', body: JSON.stringify({ advanceMinutes: 1 }) });
  await vol.page.getByText('继续扫码').click();
  await vol.page.locator('input[placeholder="粘贴签到码"]').fill(checkInCode);
  await vol.page.getByText('提交签到码').click();
  await expect(vol.page.getByTestId('scan-error').textContent()).resolves.toBe('二维码已过期，请扫描现场屏幕上最新的二维码');

  await staff.page.goto(`${app().url}/#/staff/approvals/index`);
  // Earlier pages stay in the H5 router's stack (hidden); the visible one is the last.
  await staff.page.getByText('e2e 陪伴独居老人').last().waitFor();
  await staff.page.getByText('全部通过（1 人，共 1 时间币）').last().click();
  // A whole activity at once cannot be undone: the screen asks first.
  await staff.page.getByTestId('confirm-content').last().waitFor();
  await expect(staff.page.getByTestId('confirm-content').last().textContent()).resolves.toBe(
    '「e2e 陪伴独居老人」的 1 人都将通过，共 1 时间币立即入账，不能撤回。',
  );
  await staff.page.locator('.nut-dialog').getByText('全部通过', { exact: true }).last().click();
  await staff.page.getByTestId('approved-notice').last().waitFor();
  await expect(staff.page.getByTestId('approved-notice').last().textContent()).resolves.toBe('「e2e 陪伴独居老人」已通过 1 人，共 1 时间币入账');
  // The approved activity leaves the list; the demo's older pending record stays.
  await staff.page.getByText('全部通过（1 人，共 1 时间币）').last().waitFor({ state: 'detached' });
  await staff.page.getByText('楼道清理', { exact: true }).last().waitFor();

  await vol.page.goto(`${app().url}/#/pages/me/index`);
  await expect(vol.page.getByTestId('me-balance').last().textContent()).resolves.toBe('3.5');
  await vol.page.getByText('志愿服务时长入账：e2e 陪伴独居老人').last().waitFor();
  await vol.page.screenshot({ path: path.join(ARTIFACTS, 'me-after-approval.png'), fullPage: true });
  await staff.context.close();
  await vol.context.close();
});

it("a refused activity form says what is wrong next to the field, in the form's units and in Chinese", async () => {
  const staff = await loggedIn('u-staff', '李秀英');
  await staff.page.goto(`${app().url}/#/staff/activity-create/index`);
  await staff.page.locator('input[placeholder="例如：陪伴独居老人聊天"]').last().fill('计时上限测试');
  await staff.page.locator('input[placeholder="例如 2"]').last().fill('30');
  await staff.page.getByText('发布活动', { exact: true }).last().click();
  const message = staff.page.getByText('每人最多计时不能超过 24 小时').last();
  await message.waitFor();
  // Right under the hours field, not somewhere else on the page.
  const field = await staff.page.locator('input[placeholder="例如 2"]').last().boundingBox();
  const under = await message.boundingBox();
  expect(under!.y).toBeGreaterThan(field!.y);
  expect(under!.y - (field!.y + field!.height)).toBeLessThan(40);
  const text = await staff.page.locator('.yq-section').last().innerText();
  expect(text).not.toMatch(/expected|Invalid|Too (big|small)/);
});

it('when the phone refuses location at an activity that checks it, the scan page says so and how to allow it', async () => {
  // Staff publish an activity that checks distance (through the API, as the form would).
  const login = async (userId: string) =>
    (await (await fetch(`${app().url}/api/dev/login`, { method: 'POST', body: JSON.stringify({ userId }) })).json()).data.token as string;
  const api = async (token: string, fn: string, action: string, input: object, requestId?: string) =>
    (
      await (
        await fetch(`${app().url}/api/${fn}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: JSON.stringify({ action, input, requestId }),
        })
      ).json()
    ).data;
  const staffToken = await login('u-staff');
  const now = Date.now();
  const created = await api(
    staffToken,
    'activity',
    'create',
    {
      communityId: 'c-xinxian',
      title: '定位核对活动',
      startAt: new Date(now).toISOString(),
      endAt: new Date(now + 2 * 3600_000).toISOString(),
      lat: 39.93,
      lng: 116.43,
      radiusM: 200,
    },
    `e2e${now}`,
  );
  const { token } = await api(staffToken, 'checkin', 'qr', { activityId: created.activity.id, kind: 'in' });
  // The volunteer's browser has not been allowed to share location (Chromium denies it).
  const vol = await loggedIn('u-vol-2', '陈静');
  await enterCode(vol.page, token);
  await expect(vol.page.getByTestId('scan-result').last().textContent()).resolves.toBe('签到成功');
  const notice = vol.page.getByTestId('no-location').last();
  await expect(notice.textContent()).resolves.toContain('需要社工核对后才计时');
  await expect(notice.textContent()).resolves.toContain('您没有允许这个网页使用位置');
});
