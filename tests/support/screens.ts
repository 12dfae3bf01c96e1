import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS } from './browser';

/**
 * What a person sees, checked on a screen: axe-core's WCAG 2.2 A/AA rules (colour contrast,
 * target size, names of controls…) plus what axe cannot know about this app:
 * - no enabled button looks disabled (faded, or its text the colour of its background);
 * - nothing scrolls sideways;
 * - tap targets at least 44 × 44 px, 60 × 60 px in 长辈模式 (工信部 适老化 规范);
 * - in 长辈模式, text at least 18 px, the main action's text at least 30 px, line height ≥ 1.3;
 * - one main action per screen.
 * Each problem names the screen and the element, so a failure says what to fix.
 */
export type Mode = 'normal' | 'elder';

export const SHOTS = path.join(ARTIFACTS, 'screens');

/** Controls a finger taps. Inputs are measured by their field box (.yq-field), which takes the tap. */
const TAP_TARGETS = '.nut-button, .nut-cell-clickable, .nut-tabbar-item, .yq-tap, .yq-field, .nut-segmented-item, .nut-navbar-left-back';

export async function pageProblems(page: Page, mode: Mode): Promise<string[]> {
  return page.evaluate(
    ({ elder, tapSelector }) => {
      const problems: string[] = [];
      const page =
        Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find((p) => p.style.display !== 'none' && p.offsetParent !== null) ?? document.body;
      const shown = (el: Element): boolean => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return false;
        const s = getComputedStyle(el);
        return s.visibility !== 'hidden' && s.display !== 'none' && page.contains(el);
      };
      const label = (el: Element): string => {
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 24);
        const cls = (el.getAttribute('class') ?? '').split(' ').filter((c) => c.startsWith('nut-') || c.startsWith('yq-'))[0] ?? el.tagName.toLowerCase();
        return `${cls}「${text}」`;
      };
      const opacityOf = (el: Element | null): number => {
        let o = 1;
        for (let e = el; e && e !== document.documentElement; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
        return o;
      };

      if (document.documentElement.scrollWidth > window.innerWidth + 1)
        problems.push(`页面可以横向滚动（内容宽 ${document.documentElement.scrollWidth}px，屏幕 ${window.innerWidth}px）`);

      for (const b of Array.from(document.querySelectorAll('.nut-button')).filter(shown)) {
        const disabled = b.classList.contains('nut-button-disabled') || b.getAttribute('disabled') === 'true' || b.getAttribute('disabled') === '';
        if (disabled) continue;
        const s = getComputedStyle(b);
        if (opacityOf(b) < 0.95) problems.push(`可以点的按钮看起来是灰的（不透明度 ${opacityOf(b).toFixed(2)}）：${label(b)}`);
        if (s.cursor === 'not-allowed') problems.push(`可以点的按钮显示为禁用：${label(b)}`);
        const bg = s.backgroundColor;
        const textColor = getComputedStyle(b.querySelector('.nut-button-children') ?? b).color;
        if (
          (bg === textColor && bg !== 'rgba(0, 0, 0, 0)') ||
          (textColor === 'rgb(255, 255, 255)' && (bg === 'rgba(0, 0, 0, 0)' || bg === 'rgb(255, 255, 255)'))
        )
          problems.push(`按钮的字和底色一样（空白按钮）：${label(b)}`);
      }

      const minTap = elder ? 60 : 44;
      for (const t of Array.from(document.querySelectorAll(tapSelector)).filter(shown)) {
        const r = t.getBoundingClientRect();
        if (r.height < minTap - 0.5 || r.width < minTap - 0.5)
          problems.push(`点按区域 ${Math.round(r.width)}×${Math.round(r.height)}px，小于 ${minTap}×${minTap}px：${label(t)}`);
      }

      // With a dialog or a picker open, what counts is what it offers; the screen waits behind it.
      const layer = Array.from(document.querySelectorAll('.nut-dialog, .nut-popup')).find(shown) ?? page;
      const mains = Array.from(layer.querySelectorAll('.nut-button-large.nut-button-primary')).filter(shown);
      if (mains.length > 1) problems.push(`一屏有 ${mains.length} 个主按钮：${mains.map(label).join('、')}`);

      if (elder) {
        for (const m of mains) {
          const size = parseFloat(getComputedStyle(m.querySelector('.nut-button-children') ?? m).fontSize);
          if (size < 30) problems.push(`长辈模式主按钮文字 ${size}px，小于 30px：${label(m)}`);
        }
        const seen = new Set<Element>();
        const walker = document.createTreeWalker(page, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!el || seen.has(el) || !(n.textContent ?? '').trim() || !shown(el)) continue;
          seen.add(el);
          const s = getComputedStyle(el);
          const size = parseFloat(s.fontSize);
          if (size < 18 - 0.01) problems.push(`长辈模式文字 ${size}px，小于 18px：${label(el)}`);
          const lh = parseFloat(s.lineHeight);
          if (Number.isFinite(lh) && lh / size < 1.3 - 0.01 && el.getBoundingClientRect().height > size * 1.6)
            problems.push(`长辈模式多行文字行高 ${(lh / size).toFixed(2)}，小于 1.3：${label(el)}`);
        }
      }
      return problems;
    },
    { elder: mode === 'elder', tapSelector: TAP_TARGETS },
  );
}

export async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `axe ${v.id}（${v.help}）：${n.target.join(' ')} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`.trim()),
  );
}

/** Waits until the screen has loaded what it shows: no skeleton, no request in flight. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(
    () => !Array.from(document.querySelectorAll('[data-testid=loading]')).some((e) => (e as HTMLElement).offsetParent !== null),
    undefined,
    {
      timeout: 15_000,
    },
  );
  // The router slides the page in; measure and photograph it at rest.
  await page.waitForTimeout(400);
}

/**
 * Opens one screen in a fresh tab of a logged-in context, optionally does something on it
 * (opens a dialog or a picker, issues a code), then checks what shows and keeps its picture.
 */
export async function checkScreen(context: BrowserContext, url: string, name: string, mode: Mode, act?: (page: Page) => Promise<void>): Promise<string[]> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`脚本错误：${e.message}`));
  try {
    await page.goto(url);
    await settled(page);
    if (act) {
      await act(page);
      await settled(page);
    }
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${mode}.png`), fullPage: true });
    const found = [...errors, ...(await pageProblems(page, mode)), ...(await axeProblems(page))];
    return found.map((p) => `${name}（${mode === 'elder' ? '长辈模式' : '普通'}）：${p}`);
  } finally {
    await page.close();
  }
}

/** test-artifacts/screens/index.html: every screenshot, normal beside 长辈模式, for review. */
export function writeGallery(): void {
  if (!fs.existsSync(SHOTS)) return;
  const names = [
    ...new Set(
      fs
        .readdirSync(SHOTS)
        .filter((f) => f.endsWith('.png'))
        .map((f) => f.replace(/-(normal|elder)\.png$/, '')),
    ),
  ].sort();
  const rows = names
    .map((n) => `<tr><th>${n}</th><td><img src="${n}-normal.png" loading="lazy"></td><td><img src="${n}-elder.png" loading="lazy"></td></tr>`)
    .join('\n');
  fs.writeFileSync(
    path.join(SHOTS, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>益圈 screens</title><style>img{width:320px;border:1px solid #ccc}th{text-align:left;vertical-align:top}</style><table><tr><th></th><th>普通</th><th>长辈模式</th></tr>${rows}</table>`,
  );
}
