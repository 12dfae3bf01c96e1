import { H5_FIRST_SCREEN_BUDGET, kib, printWeappSizes, WEAPP_MAIN_BUDGET, weappSizes } from '../../scripts/bundle-sizes';
import { buildTaro, taroBuildIsStale } from '../../local/taro-build';
import { launchChromium, startApp } from '../support/browser';
import { h5FirstScreen } from '../support/first-screen';

/** What phones download: the weapp main package and subpackages, and the H5 first screen. */
export async function runBundleBench(): Promise<void> {
  for (const target of ['weapp', 'h5'] as const) if (taroBuildIsStale(target)) buildTaro(target);
  const weapp = weappSizes();
  printWeappSizes(weapp);
  console.log(`weapp main package ${weapp.main <= WEAPP_MAIN_BUDGET ? 'within' : 'OVER'} its budget`);
  const app = await startApp({ SKIP_H5_BUILD: '1' });
  const browser = await launchChromium();
  try {
    const s = await h5FirstScreen(browser, app.url, 'u-vol-1', '刘洋');
    console.log(`H5 first screen (首页, empty cache): ${s.files} files, ${kib(s.raw)} raw, ${kib(s.gzipped)} gzipped (budget ${kib(H5_FIRST_SCREEN_BUDGET)})`);
  } finally {
    await browser.close();
    await app.stop();
  }
}
