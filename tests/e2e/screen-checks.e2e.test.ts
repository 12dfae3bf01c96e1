import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { axeProblems, pageProblems } from '../support/screens';

/**
 * The sweep's own checks catch what the last review found, each on a page built to have
 * exactly that fault (and a clean page shows nothing): a check that cannot fail checks nothing.
 */
let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
}, 60_000);
afterAll(async () => browser?.close());

const screen = (body: string, elder = false) =>
  page.setContent(
    `<!doctype html><html lang="zh-CN"><head><meta name="viewport" content="width=device-width,initial-scale=1"><title>t</title><style>
      body{margin:0;font:16px/1.5 sans-serif;color:#1f1a16} .nut-button{box-sizing:border-box;display:flex;align-items:center;justify-content:center;height:48px;min-width:48px;border:1px solid #c2410c;background:#fff;color:#c2410c;margin:8px}
      .nut-button-primary{background:#c2410c;color:#fff} .nut-button-large{font-size:${elder ? 30 : 18}px;height:${elder ? 76 : 48}px}
    </style></head><body><main><div class="taro_page"><div class="yq-page ${elder ? 'yq-elder' : ''}">${body}</div></div></main></body></html>`,
  );

const CLEAN = `<h1>标题</h1><div class="nut-button nut-button-primary nut-button-large" role="button">发布活动</div><div class="nut-button" role="button">查看</div>`;

it('a clean screen has no problems', async () => {
  await screen(CLEAN);
  expect(await pageProblems(page, 'normal')).toEqual([]);
  expect(await axeProblems(page)).toEqual([]);
});

it.each([
  ['an enabled button drawn faded', '<div class="nut-button" role="button" style="opacity:.5">我要报名</div>', /看起来是灰的.*我要报名/],
  ['white words on a white button', '<div class="nut-button" role="button" style="color:#fff">下架</div>', /空白按钮.*下架/],
  ['a 30 px tap target', '<div class="nut-button" role="button" style="height:30px">驳回</div>', /点按区域 \d+×30px，小于 44×44px/],
  ['two main buttons', '<div class="nut-button nut-button-primary nut-button-large" role="button">再一个</div>', /一屏有 2 个主按钮/],
  ['a page wider than the phone', '<div style="width:600px">很长的一行</div>', /横向滚动/],
])('%s is reported with the element named', async (_fault, extra, problem) => {
  await screen(CLEAN + extra);
  expect((await pageProblems(page, 'normal')).join('\n')).toMatch(problem);
});

it('in 长辈模式: text under 18 px, a main action under 30 px and a 44 px tap target are reported', async () => {
  await screen(
    `<div class="nut-button nut-button-primary nut-button-large" role="button" style="font-size:20px">确认兑换</div><p style="font-size:15px">小字说明</p>`,
    true,
  );
  const found = (await pageProblems(page, 'elder')).join('\n');
  expect(found).toMatch(/长辈模式主按钮文字 20px，小于 30px/);
  expect(found).toMatch(/长辈模式文字 15px，小于 18px.*小字说明/);
  await screen(`<div class="nut-button" role="button" style="font-size:18px">手工签到</div>`, true);
  expect((await pageProblems(page, 'elder')).join('\n')).toMatch(/点按区域 \d+×48px，小于 60×60px/);
});

it('axe-core reports words too pale to read', async () => {
  await screen(`${CLEAN}<p style="color:#c8c8c8">看不清的字</p>`);
  expect((await axeProblems(page)).join('\n')).toMatch(/color-contrast/);
});
