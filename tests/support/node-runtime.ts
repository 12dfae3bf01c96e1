import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CACHE = path.join(ROOT, '.cache', 'node');

/** The Node.js version CloudBase runs the functions on, from cloudbaserc.json ("Nodejs18.15" → "18.15.0"). */
export function cloudRuntimeVersion(): string {
  const rc = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8')) as { functions: Array<{ runtime: string }> };
  const runtimes = [...new Set(rc.functions.map((f) => f.runtime))];
  if (runtimes.length !== 1) throw new Error(`functions use different runtimes: ${runtimes.join(', ')}`);
  const m = /^Nodejs(\d+)\.(\d+)$/.exec(runtimes[0]);
  if (!m) throw new Error(`not a Node.js runtime: ${runtimes[0]}`);
  return `${m[1]}.${m[2]}.0`;
}

/**
 * A Node.js binary of `version`, to run the bundles on the runtime CloudBase uses. The binary
 * comes from the npm registry's official `node-<platform>-<arch>` package (the only place this
 * machine and CI can download from), unpacked into .cache/ once and reused.
 */
export function nodeBinary(version: string): string {
  const bin = path.join(CACHE, version, 'bin', 'node');
  if (fs.existsSync(bin)) return bin;
  const pkg = `node-${process.platform}-${process.arch}@${version}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-node-'));
  try {
    const tgz = execFileSync('npm', ['pack', pkg, '--silent', '--pack-destination', tmp], { cwd: tmp, encoding: 'utf8', timeout: 300_000 })
      .trim()
      .split('\n')
      .pop()!;
    execFileSync('tar', ['xzf', path.join(tmp, tgz), '-C', tmp, 'package/bin/node']);
    fs.mkdirSync(path.dirname(bin), { recursive: true });
    fs.renameSync(path.join(tmp, 'package', 'bin', 'node'), bin);
    fs.chmodSync(bin, 0o755);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const got = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  if (got !== `v${version}`) throw new Error(`${pkg} gave ${got}`);
  return bin;
}
