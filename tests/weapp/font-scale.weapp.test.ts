import { startTestGateway, type TestGateway } from '../support/gateway';
import { bootMiniProgram, ensureWeappBuild, until, type MiniProgram } from './simulate';

/**
 * 长辈模式 on WeChat (DOMAIN.md "Elder mode"): every screen follows WeChat's own font size,
 * and the in-app switch enlarges further. The phone here has WeChat's font set to 25.5 px
 * (1.5× the default 17) and 长辈模式 already switched on (kept across restarts).
 */
let gw: TestGateway;
let mp: MiniProgram;

beforeAll(async () => {
  await ensureWeappBuild();
  gw = await startTestGateway();
  const token = await gw.login('u-vol-1');
  mp = bootMiniProgram({
    systemInfo: { fontSizeSetting: 25.5 },
    storage: { 'yq.elderMode': true },
    async callFunction(name, data) {
      return (await gw.call(token, name, data.action, data.input, data.requestId)).body;
    },
  });
}, 240_000);

afterAll(async () => {
  mp?.close();
  await gw?.stop();
});

it('the page scales every size by WeChat’s font scale, and 长辈模式 switches to the standard’s sizes', async () => {
  const page = mp.loadPage('pages/me/index');
  await until(page.text, (t) => t.includes('刘洋'), 10_000);
  // 25.5 / 17 = 1.5 — the variable every size in the app is multiplied by (app.css).
  expect(page.markup()).toMatch(/--yq-font-scale:\s*1\.5\b/);
  // The mode's sizes are the .yq-elder class's (body ≥ 18 px, main action ≥ 30 px, taps ≥ 60 px).
  expect(page.markup()).toMatch(/class="[^"]*yq-page[^"]*yq-elder/);
}, 30_000);
