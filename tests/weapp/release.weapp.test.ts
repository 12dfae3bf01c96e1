import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as acorn from 'acorn';
import { ROOT, WEAPP_DIR, ensureWeappBuild } from './simulate';

/**
 * What WeChat will be given: the weapp build parses as the engines it targets (ES5: old
 * iPhones' JavaScriptCore has no `?.` or `??`, and DevTools' own ES6→ES5 is off), names a
 * cloud environment, asks for no private information it does not declare, and a release
 * build cannot be made without an environment id.
 */
beforeAll(async () => {
  await ensureWeappBuild();
}, 240_000);

const jsFiles = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? jsFiles(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []));
const bundle = (): string =>
  jsFiles(WEAPP_DIR)
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');

test('every script in dist/weapp is ES5 (what project.config.json and browserslist target)', () => {
  const files = jsFiles(WEAPP_DIR);
  expect(files.length).toBeGreaterThan(20);
  const failures: string[] = [];
  for (const f of files) {
    const code = fs.readFileSync(f, 'utf8');
    try {
      acorn.parse(code, { ecmaVersion: 5, sourceType: 'script' });
    } catch (e) {
      const pos = (e as { pos?: number }).pos ?? 0;
      failures.push(`${path.relative(WEAPP_DIR, f)}: ${(e as Error).message} near ${JSON.stringify(code.slice(Math.max(0, pos - 40), pos + 40))}`);
    }
  }
  expect(failures).toEqual([]);
  const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8'));
  expect(project.setting.es6).toBe(false);
});

test('a test build calls a named environment that does not exist, never cloud.init({ env: undefined })', () => {
  expect(bundle()).toContain('"yq-test-build"');
});

test('a WeChat build without YQ_CLOUD_ENV is refused, with the way to make one', () => {
  const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'production' };
  delete env.YQ_CLOUD_ENV;
  delete env.YQ_WEAPP_TEST_BUILD;
  const before = fs.statSync(path.join(WEAPP_DIR, 'app.json')).mtimeMs;
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'weapp'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  expect(r.status).not.toBe(0);
  expect(`${r.stdout}${r.stderr}`).toContain('构建小程序需要云开发环境 ID：YQ_CLOUD_ENV=<环境ID> npm run build:weapp');
  // Refused before anything was written: the test build is still there.
  expect(fs.statSync(path.join(WEAPP_DIR, 'app.json')).mtimeMs).toBe(before);
});

/**
 * WeChat's privacy APIs and the information each collects (小程序用户隐私保护指引内容介绍):
 * a build may call only those the privacy guide declares (README "部署到云开发").
 */
const PRIVACY_APIS: Record<string, string> = {
  getLocation: '位置信息',
  getFuzzyLocation: '位置信息',
  startLocationUpdate: '位置信息',
  startLocationUpdateBackground: '位置信息',
  onLocationChange: '位置信息',
  chooseLocation: '选择的位置信息',
  choosePoi: '选择的位置信息',
  chooseAddress: '地址',
  chooseImage: '选中的照片或视频信息',
  chooseMedia: '选中的照片或视频信息',
  chooseVideo: '选中的照片或视频信息',
  chooseMessageFile: '选中的文件',
  getWeRunData: '微信运动步数',
  startRecord: '麦克风',
  saveImageToPhotosAlbum: '相册（仅写入）',
  addPhoneContact: '通讯录（仅写入）',
  chooseInvoiceTitle: '发票信息',
  chooseLicensePlate: '车牌号',
  getPhoneNumber: '手机号',
};

test('the app uses location and chosen photos only, declares location in app.json, and the privacy guide in README lists both', () => {
  const app = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8'));
  expect(app.requiredPrivateInfos).toEqual(['getLocation']);
  expect(app.permission['scope.userLocation'].desc).toMatch(/活动现场/);
  expect(app.__usePrivacyCheck__).toBe(true);
  // taro.js is Taro's runtime, which names every wx API it wraps; the calls our code and its
  // libraries make are `.<api>(` in the other scripts.
  const ours = jsFiles(WEAPP_DIR)
    .filter((f) => path.basename(f) !== 'taro.js')
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
  const used = Object.keys(PRIVACY_APIS).filter((api) => new RegExp(`\\.${api}\\(`).test(ours));
  // Location for check-in; photos staff choose as evidence of a fund's payment or progress.
  expect(used).toEqual(['getLocation', 'chooseImage']);
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const api of used) expect(readme).toContain(`「${PRIVACY_APIS[api]}」`);
});

test('project.config.json gives DevTools no cloud function folder to upload (functions go through npm run deploy)', () => {
  const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8'));
  expect(project.cloudfunctionRoot).toBeUndefined();
  expect(project.miniprogramRoot).toBe('dist/weapp/');
});
