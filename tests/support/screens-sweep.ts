import type { BrowserContext, Page } from 'playwright-core';
import { useBrowserApp } from './e2e';
import { checkScreen, writeGallery, type Mode } from './screens';

/** One screen of the sweep: its name in test-artifacts/screens, its route, and what to do on it first. */
export interface Screen {
  name: string;
  route: string;
  act?: (page: Page) => Promise<void>;
}

export interface Person {
  /** 'new': a WeChat user not yet registered; 'stranger': nobody logged in (a shared link opened on H5). */
  userId: string | 'new' | 'stranger';
  name: string;
  screens: Screen[];
}

/** An act on a screen before it is checked: tap what shows this text (a dialog or a picker opens). */
export const tapThen = (text: string) => async (page: Page) => {
  await page.getByText(text, { exact: true }).last().click();
};

/**
 * Opens every screen of every person given, in normal and in 长辈模式, and fails naming each
 * screen and element that a person would find wrong (tests/support/screens.ts).
 */
export function sweep(people: Person[]): void {
  const { app, newPage } = useBrowserApp();

  const enter = async (person: Person, mode: Mode): Promise<BrowserContext> => {
    const page = await newPage();
    await page.goto(app().url);
    await page.getByText('本地演示：选择一位用户').waitFor();
    if (person.userId === 'stranger') {
      // Nobody logs in. 长辈模式 is the phone's own setting (Taro keeps storage as JSON in localStorage).
      if (mode === 'elder') await page.evaluate(() => localStorage.setItem('yq.elderMode', JSON.stringify({ data: true })));
      await page.close();
      return page.context();
    }
    if (person.userId === 'new') {
      await page.getByText('以新微信用户身份进入（体验注册）').click();
      await page.getByText('欢迎来到益圈').waitFor();
    } else {
      await page.getByTestId(`login-${person.userId}`).click();
      await page.getByText(`${person.name}，您好`).waitFor();
    }
    if (mode === 'elder') {
      await page.getByTestId('elder-switch').last().click();
      await page.getByText('已打开：字和按钮都变大了').last().waitFor();
    }
    await page.close();
    return page.context();
  };

  afterAll(() => writeGallery());

  describe.each(people.flatMap((p) => (['normal', 'elder'] as Mode[]).map((mode) => [p.userId, mode, p] as const)))('%s in %s mode', (_id, mode, person) => {
    it('every screen passes axe-core and our own checks of what a person sees', async () => {
      const context = await enter(person, mode);
      const problems: string[] = [];
      for (const s of person.screens) problems.push(...(await checkScreen(context, `${app().url}/#${s.route}`, `${person.userId}-${s.name}`, mode, s.act)));
      await context.close();
      expect(problems).toEqual([]);
    }, 240_000);
  });
}
