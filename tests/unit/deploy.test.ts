import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { preflight, QR_SECRET_MIN, ROOT, steps } from '../../scripts/deploy';

/** `npm run deploy`: nothing is touched until every setting a working deployment needs is there. */
const GOOD = {
  TCB_ENV: 'yq-prod-1a2b3c',
  TCB_SECRET_ID: 'AKIDexample',
  TCB_SECRET_KEY: 'secret-key-never-printed',
  QR_SECRET: 'a'.repeat(64),
  WX_APPID: 'wx0123456789abcdef',
};
const emptyRoot = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'yq-deploy-'));

describe('deploy preflight', () => {
  it('names every missing setting at once', () => {
    const { problems } = preflight({}, emptyRoot());
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/TCB_ENV[\s\S]*TCB_SECRET_ID[\s\S]*QR_SECRET[\s\S]*AppID/);
  });

  it('an empty or short QR_SECRET is refused (the first check-in would fail)', () => {
    for (const QR_SECRET of ['', '   ', 'x'.repeat(QR_SECRET_MIN - 1)]) {
      expect(preflight({ ...GOOD, QR_SECRET }, emptyRoot()).problems).toEqual([expect.stringContaining('QR_SECRET')]);
    }
  });

  it('the AppID comes from the environment or project.private.config.json, never touristappid', () => {
    const root = emptyRoot();
    const { WX_APPID: _unused, ...noAppId } = GOOD;
    expect(preflight(noAppId, root).problems).toEqual([expect.stringContaining('缺少小程序 AppID')]);
    fs.writeFileSync(path.join(root, 'project.private.config.json'), JSON.stringify({ appid: 'touristappid' }));
    expect(preflight(noAppId, root).problems).toEqual([expect.stringContaining('touristappid')]);
    fs.writeFileSync(path.join(root, 'project.private.config.json'), JSON.stringify({ appid: 'wxfedcba9876543210' }));
    expect(preflight(noAppId, root)).toEqual({ problems: [], appId: 'wxfedcba9876543210' });
    expect(preflight({ ...GOOD, WX_APPID: 'my-app' }, root).problems).toEqual([expect.stringContaining('格式不对')]);
  });

  it('with everything set: setup, bundle, CLI deploy of every function with --force, weapp built for the environment', () => {
    expect(preflight(GOOD, emptyRoot()).problems).toEqual([]);
    const plan = steps(GOOD);
    expect(plan.map((s) => s.args.join(' '))).toEqual([
      'tsx scripts/setup-cloudbase.ts',
      'scripts/build-functions.mjs',
      expect.stringMatching(/^--yes @cloudbase\/cli@\d+\.\d+\.\d+ login --apiKeyId AKIDexample --apiKey /),
      expect.stringMatching(/^--yes @cloudbase\/cli@\d+\.\d+\.\d+ fn deploy --all --force --yes -e yq-prod-1a2b3c$/),
      'build --type weapp',
    ]);
    expect(plan[4].env).toEqual({ YQ_CLOUD_ENV: 'yq-prod-1a2b3c', NODE_ENV: 'production' });
  });
});

describe('npm run deploy', () => {
  const run = (env: Record<string, string>, args: string[] = []) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/deploy.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('stops with every problem listed and changes nothing', () => {
    const r = run({});
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('不能部署，请先处理');
    expect(r.stderr.match(/✘/g)).toHaveLength(4);
  });

  it('--plan prints the steps without running them and never prints the secret key', () => {
    const r = run(GOOD, ['--plan']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('fn deploy --all --force');
    expect(r.stdout).toContain('YQ_CLOUD_ENV=yq-prod-1a2b3c');
    expect(r.stdout).not.toContain(GOOD.TCB_SECRET_KEY);
  });
});
