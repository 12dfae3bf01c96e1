/**
 * `npm run deploy`: everything it takes to put 益圈 on CloudBase, in one command, once the
 * credentials exist (README "部署到云开发"):
 *
 *   1. checks TCB_ENV, TCB_SECRET_ID / TCB_SECRET_KEY, QR_SECRET and the mini-program's AppID,
 *      all at once, and stops before touching anything when one is missing or wrong;
 *   2. creates the collections, indexes and ACLs (scripts/setup-cloudbase.ts);
 *   3. bundles every function (scripts/build-functions.mjs);
 *   4. deploys them with the CloudBase CLI from cloudbaserc.json (runtime, 10 s timeout,
 *      QR_SECRET) — never from WeChat DevTools, whose upload ignores cloudbaserc.json;
 *   5. builds the weapp with the environment id baked in (YQ_CLOUD_ENV) and the AppID in
 *      project.private.config.json, ready for DevTools to upload the front end.
 *
 *   npm run deploy               do it
 *   npm run deploy -- --plan     check, then print the steps without running any
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
/** The CloudBase CLI, pinned: its flags are part of this script. */
export const CLI = '@cloudbase/cli@2.12.10';
/** HMAC key for QR codes and list cursors: long and random (`openssl rand -hex 32`). */
export const QR_SECRET_MIN = 32;

export interface Preflight {
  problems: string[];
  appId?: string;
}

/** What the mini-program's AppID is: the environment's WX_APPID, else project.private.config.json's. */
export function appIdOf(env: NodeJS.ProcessEnv, root = ROOT): string | undefined {
  if (env.WX_APPID) return env.WX_APPID.trim();
  const file = path.join(root, 'project.private.config.json');
  if (!fs.existsSync(file)) return undefined;
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { appid?: string }).appid;
}

/** Everything that would make a deployment fail or ship broken, each in Chinese and English. */
export function preflight(env: NodeJS.ProcessEnv, root = ROOT): Preflight {
  const problems: string[] = [];
  if (!env.TCB_ENV) problems.push('缺少 TCB_ENV（云开发环境 ID）/ TCB_ENV (the CloudBase environment id) is not set');
  if (!env.TCB_SECRET_ID || !env.TCB_SECRET_KEY) {
    problems.push('缺少 TCB_SECRET_ID 或 TCB_SECRET_KEY（腾讯云 API 密钥）/ TCB_SECRET_ID or TCB_SECRET_KEY (a Tencent Cloud API key pair) is not set');
  }
  const secret = env.QR_SECRET ?? '';
  if (secret.trim().length < QR_SECRET_MIN) {
    problems.push(
      `QR_SECRET 为空或太短（至少 ${QR_SECRET_MIN} 个字符，可用 openssl rand -hex 32 生成），否则签到码和列表翻页都会失败 / ` +
        `QR_SECRET is empty or shorter than ${QR_SECRET_MIN} characters: check-in codes and list cursors would fail`,
    );
  }
  const appId = appIdOf(env, root);
  if (!appId) {
    problems.push(
      '缺少小程序 AppID：设置 WX_APPID，或写在 project.private.config.json 的 appid / the AppID is not set (WX_APPID or project.private.config.json)',
    );
  } else if (appId === 'touristappid') {
    problems.push('AppID 是 touristappid（游客模式）：云开发不能在游客模式下使用 / touristappid cannot use cloud development');
  } else if (!/^wx[0-9a-f]{16}$/.test(appId)) {
    problems.push(`AppID「${appId}」格式不对（应为 wx 开头的 18 位）/ "${appId}" is not a mini-program AppID`);
  }
  return { problems, ...(appId ? { appId } : {}) };
}

export interface Step {
  title: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Printed instead of the arguments (they carry a secret). */
  shown?: string;
}

/** The steps of a deployment, in order. */
export function steps(env: NodeJS.ProcessEnv): Step[] {
  const envId = env.TCB_ENV!;
  return [
    { title: '创建集合、索引和权限 / collections, indexes, ACLs', command: 'npx', args: ['tsx', 'scripts/setup-cloudbase.ts'] },
    { title: '打包云函数 / bundle the functions', command: process.execPath, args: ['scripts/build-functions.mjs'] },
    {
      title: '登录 CloudBase CLI / log the CLI in',
      command: 'npx',
      args: ['--yes', CLI, 'login', '--apiKeyId', env.TCB_SECRET_ID!, '--apiKey', env.TCB_SECRET_KEY!],
      shown: `npx --yes ${CLI} login --apiKeyId *** --apiKey ***`,
    },
    {
      title: '部署全部云函数（按 cloudbaserc.json，覆盖同名函数）/ deploy every function from cloudbaserc.json',
      command: 'npx',
      args: ['--yes', CLI, 'fn', 'deploy', '--all', '--force', '--yes', '-e', envId],
    },
    {
      title: '构建小程序（写入云环境 ID）/ build the weapp for this environment',
      command: path.join('node_modules', '.bin', 'taro'),
      args: ['build', '--type', 'weapp'],
      env: { YQ_CLOUD_ENV: envId, NODE_ENV: 'production' },
    },
  ];
}

/** Records the AppID where DevTools reads it (project.private.config.json, git-ignored). */
function writeAppId(appId: string, root = ROOT): void {
  const file = path.join(root, 'project.private.config.json');
  const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(file, `${JSON.stringify({ ...current, appid: appId }, null, 2)}\n`);
}

function main(argv: string[]): number {
  const check = preflight(process.env);
  if (check.problems.length > 0) {
    console.error(`不能部署，请先处理 / cannot deploy yet:\n${check.problems.map((p) => `  ✘ ${p}`).join('\n')}`);
    return 1;
  }
  const plan = steps(process.env);
  if (argv.includes('--plan')) {
    for (const [i, s] of plan.entries())
      console.log(
        `${i + 1}. ${s.title}\n   ${
          s.env
            ? `${Object.entries(s.env)
                .map(([k, v]) => `${k}=${v}`)
                .join(' ')} `
            : ''
        }${s.shown ?? [s.command, ...s.args].join(' ')}`,
      );
    console.log(`AppID ${check.appId} → project.private.config.json`);
    return 0;
  }
  for (const [i, s] of plan.entries()) {
    console.log(`\n[${i + 1}/${plan.length}] ${s.title}`);
    const r = spawnSync(s.command, s.args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...s.env } });
    if (r.status !== 0) {
      console.error(`✘ 第 ${i + 1} 步失败，后面的步骤没有执行 / step ${i + 1} failed; nothing after it ran`);
      return 1;
    }
  }
  writeAppId(check.appId!);
  console.log(
    `\n✓ 云函数已部署到 ${process.env.TCB_ENV}，小程序已构建（dist/weapp）。\n` +
      '  下一步：用微信开发者工具打开本项目根目录，点「上传」提交前端代码（云函数已经由本命令部署，不要在开发者工具里上传云函数）。\n' +
      '  Next: open the project root in WeChat DevTools and upload the front end; the functions are already deployed.',
  );
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
