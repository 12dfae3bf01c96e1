import fs from 'node:fs';
import path from 'node:path';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { kib, WEAPP_MAIN_BUDGET, weappSizes } from '../../scripts/bundle-sizes';
import { WEAPP_DIR, bootMiniProgram, ensureWeappBuild, until, weappBuildIsStale, type MiniProgram } from './simulate';

/**
 * The real weapp build of 我的 in miniprogram-simulate. wx.cloud.callFunction is forwarded
 * to the real local gateway (demo data, temp data dir) as the demo volunteer u-vol-1, so the
 * page renders what the real functions answer.
 */
let gw: TestGateway;
let mp: MiniProgram;
let build: 'found' | 'built';
let staleAfterBuild: boolean;
const calls: { name: string; action: string; ok: boolean }[] = [];

beforeAll(async () => {
  build = await ensureWeappBuild();
  staleAfterBuild = weappBuildIsStale();
  gw = await startTestGateway();
  const token = await gw.login('u-vol-1');
  mp = bootMiniProgram({
    async callFunction(name, data) {
      const { body } = await gw.call(token, name, data.action, data.input, data.requestId);
      calls.push({ name, action: data.action, ok: body.ok });
      return body;
    },
  });
}, 240_000);

afterAll(async () => {
  mp?.close();
  await gw?.stop();
});

describe('我的 in the weapp build', () => {
  it('uses an up-to-date weapp build of pages/me', () => {
    expect(['found', 'built']).toContain(build);
    expect(fs.existsSync(path.join(WEAPP_DIR, 'pages/me/index.js'))).toBe(true);
    expect(staleAfterBuild).toBe(false);
  });

  it('the main package stays within its 1 MB budget; staff, shop and admin screens are subpackages', () => {
    const sizes = weappSizes(WEAPP_DIR);
    console.log(
      `weapp main package: ${kib(sizes.main)}; subpackages: ${Object.entries(sizes.subpackages)
        .map(([r, b]) => `${r} ${kib(b)}`)
        .join(', ')}`,
    );
    expect(sizes.main).toBeGreaterThan(0);
    expect(sizes.main).toBeLessThanOrEqual(WEAPP_MAIN_BUDGET);
    expect(Object.keys(sizes.subpackages).sort()).toEqual(['admin', 'shop', 'staff']);
    for (const bytes of Object.values(sizes.subpackages)) expect(bytes).toBeGreaterThan(0);
  });

  it('renders 刘洋 of 新鲜社区, the 2.5 时间币 balance, its history and 长辈模式 from the real functions', async () => {
    const page = mp.loadPage('pages/me/index');
    const expected = ['刘洋', '新鲜社区', '2.5', '历史时长导入', '长辈模式'];
    const text = await until(page.text, (t) => expected.every((s) => t.includes(s)), 10_000);
    for (const s of expected) expect(text).toContain(s);
    const markup = page.markup();
    expect(markup).toContain('刘洋');
    expect(markup).toContain('me__name');
    // It got there through the cloud functions, and both answered ok.
    expect(calls).toEqual(
      expect.arrayContaining([
        { name: 'account', action: 'me', ok: true },
        { name: 'wallet', action: 'history', ok: true },
      ]),
    );
  }, 30_000);
});
