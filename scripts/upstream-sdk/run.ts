import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../local/emulator/server';

/**
 * `npm run test:upstream` (issue 14 item 2): runs the database tests of the public
 * TencentCloudBase/node-sdk repository (its `test/database` folder, unedited) through the
 * published @cloudbase/node-sdk in our node_modules against a fresh local emulator, then
 * prints passed / failed / skipped and a classification of every failure.
 *
 * Tencent's test code is not part of this repository. A developer puts the upstream `test/`
 * folder in place (see `instructions()`); UPSTREAM_DIR or `--upstream DIR` says where
 * (default: the gitignored `.upstream/`). Only configuration is adapted, in
 * scripts/upstream-sdk/: jest.config.js (module mapping), config.local.js (fake keys,
 * emulator URL), power-assert.js, bson.js, setup.js (async describe, metadata probe), TZ.
 *
 * Usage: npx tsx scripts/upstream-sdk/run.ts [--upstream DIR] [--strict] [--verbose]
 *                                            [-- <extra jest args, e.g. a test path pattern>]
 *   --strict   exit 1 when a failure is not listed in known-failures.json
 *   --verbose  show jest's own output (otherwise it goes to a log file)
 *   --from-json FILE  classify an earlier run's jest results (the jest.json it printed)
 *              instead of running the tests
 * Exit: 0 after a complete run whatever the failures (unless --strict), 1 if the run itself
 * breaks (jest gives no results, a suite cannot even load), 2 if the upstream tests are missing.
 */

const repoRoot = path.resolve(__dirname, '..', '..');
const here = __dirname;
const MIRROR = '/work/.mirror/TencentCloudBase+node-sdk/repo';

interface Args {
  upstream: string;
  strict: boolean;
  verbose: boolean;
  fromJson?: string;
  jestArgs: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    upstream: process.env.UPSTREAM_DIR || path.join(repoRoot, '.upstream'),
    strict: false,
    verbose: false,
    jestArgs: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.jestArgs = argv.slice(i + 1);
      break;
    } else if (a === '--strict') args.strict = true;
    else if (a === '--verbose') args.verbose = true;
    else if (a === '--from-json') args.fromJson = argv[++i];
    else if (a === '--upstream') args.upstream = argv[++i] ?? '';
    else if (a.startsWith('--upstream=')) args.upstream = a.slice('--upstream='.length);
    else if (a === '--help' || a === '-h') {
      console.log(instructions(args.upstream, false));
      process.exit(0);
    } else {
      console.error(`unknown argument ${a} (use -- before jest arguments)`);
      process.exit(2);
    }
  }
  return args;
}

/** The folder holding `test/database`, accepting the `test` folder itself too. */
function upstreamRoot(given: string): string | undefined {
  const dir = path.resolve(given);
  if (fs.existsSync(path.join(dir, 'test', 'database'))) return dir;
  if (path.basename(dir) === 'test' && fs.existsSync(path.join(dir, 'database'))) return path.dirname(dir);
  return undefined;
}

function instructions(dir: string, missing = true): string {
  return [
    missing ? `The upstream node-sdk tests are not in ${path.resolve(dir)} (no test/database folder there).` : '',
    "This runner executes TencentCloudBase/node-sdk's own test/database suites, which are not",
    'part of this repository. Put them in place once:',
    '',
    '  1. Fetch the public repository with the fetch tool:  github:TencentCloudBase/node-sdk',
    `     (it lands as a bare git directory, e.g. ${MIRROR})`,
    '  2. Extract its test/ folder into the gitignored .upstream/ folder:',
    `       mkdir -p .upstream && git -C ${MIRROR} archive HEAD test | tar -x -C .upstream`,
    '     or anywhere else, then point the runner at it:',
    '       UPSTREAM_DIR=/some/dir npm run test:upstream      (or --upstream /some/dir)',
    '     (the folder that contains test/database; the test folder itself works too)',
    '',
    'Usage: npx tsx scripts/upstream-sdk/run.ts [--upstream DIR] [--strict] [--verbose] [-- jest args]',
  ]
    .filter((l, i) => i > 0 || l)
    .join('\n');
}

// ---------------------------------------------------------------------------------------
// jest's --json output (the parts we read)

interface AssertionResult {
  fullName: string;
  title: string;
  status: 'passed' | 'failed' | 'pending' | 'todo' | 'skipped' | 'disabled';
  failureMessages: string[];
  location?: { line: number; column: number } | null;
}
interface FileResult {
  name: string;
  message: string;
  status: string;
  assertionResults: AssertionResult[];
  testExecError?: { message?: string } | null;
}
interface JestJson {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numRuntimeErrorTestSuites: number;
  testResults: FileResult[];
}

// ---------------------------------------------------------------------------------------
// Classification: keyword rules, first match wins (printed with the report, see RULES).

type Klass = 'GEO' | 'ISOLATION' | 'TRANSACTION_SCOPE' | 'ORDER' | 'UPDATED_COUNT' | 'OPERATOR' | 'ERROR_MESSAGE' | 'VALIDATION' | 'OTHER';

interface Failure {
  file: string; // relative to the upstream root
  absFile: string;
  name: string;
  message: string; // ANSI-free
  firstLine: string;
  detail: string; // expected / received, or the error line
  statement: string; // the failing statement in the test file ('' if none found)
  statementLine?: number;
  body: string; // the test's source, from its it( to the next it(/describe(
  klass: Klass;
  why: string;
}

const RULES: [Klass, string][] = [
  ['GEO', 'the error says a geo operator is not supported (the emulator refuses geo queries by design)'],
  ['ISOLATION', "the error is a transaction conflict (the emulator's optimistic transactions refuse what CloudBase answers from a snapshot)"],
  [
    'TRANSACTION_SCOPE',
    'the error says the operation is not allowed inside a transaction (strict mode takes single-document operations only; YQ_EMULATOR_TRANSACTIONS=compatible allows them)',
  ],
  ['ORDER', 'a deep-equality of result arrays failed with the same elements in another order (note added by power-assert.js)'],
  ['UPDATED_COUNT', 'the failing assertion reads `.updated`'],
  ['OPERATOR', 'the error says an operator is unknown, not registered or given an invalid argument (emulator allowlist or mingo)'],
  ['ERROR_MESSAGE', "the test asserts on an error's code or message (assert.rejects/throws, `.code ===`, `code: '...'`)"],
  ['VALIDATION', 'the emulator refused a field name (`must not start with` / `must not contain`)'],
  [
    'ORDER',
    'the failing assertion reads a position (`data[N]`) of a result the test neither filters (where/match) nor sorts (sort/orderBy), and expected and received share no field value (another document came first)',
  ],
  ['OPERATOR', 'an assertion on the result of a query/aggregation operator (`_.x(`, `$.x(`, `.aggregate()`) failed'],
  ['OTHER', 'none of the above'],
];

const stripAnsi = (s: string): string => s.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');

function lineAfter(lines: string[], re: RegExp): string | undefined {
  const i = lines.findIndex((l) => re.test(l));
  return i >= 0 && i + 1 < lines.length ? lines[i + 1].trim() : undefined;
}

/** `"key": value` pairs of a pretty-format one-liner, to compare expected with received. */
function fieldValues(s: string | undefined): Set<string> {
  const out = new Set<string>();
  if (!s) return out;
  for (const m of s.matchAll(/"[^"]+": (?:"(?:[^"\\]|\\.)*"|\[[^\][]*\]|[-\w.:+]+)/g)) out.add(m[0]);
  return out;
}

function statementAt(lines: string[], line: number): string {
  // The line and its continuation until the parentheses balance (at most 12 lines).
  let text = '';
  let depth = 0;
  for (let i = line - 1; i < lines.length && i < line - 1 + 12; i++) {
    text += (text ? '\n' : '') + lines[i];
    for (const ch of lines[i]) {
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth--;
    }
    if (depth <= 0) break;
  }
  return text;
}

function bodyAt(lines: string[], line: number | undefined, title: string): string {
  let start = line ? line - 1 : -1;
  if (start < 0) {
    const quoted = [`'${title}'`, `"${title}"`, `\`${title}\``];
    start = lines.findIndex((l) => /^\s*(it|test)(\.\w+)?\s*\(/.test(l) && quoted.some((q) => l.includes(q)));
  }
  if (start < 0) return '';
  let end = start + 1;
  while (end < lines.length && !/^\s*(it|test|describe)(\.\w+)?\s*\(/.test(lines[end])) end++;
  return lines.slice(start, end).join('\n');
}

function describeFailure(upstream: string, file: FileResult, a: AssertionResult): Failure {
  const message = stripAnsi(a.failureMessages.join('\n'));
  const lines = message.split('\n');
  const absFile = file.name;
  const src = fs.existsSync(absFile) ? fs.readFileSync(absFile, 'utf8').split('\n') : [];
  const esc = absFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const frame = message.match(new RegExp(`${esc}:(\\d+):(\\d+)`));
  const statementLine = frame ? Number(frame[1]) : undefined;
  const statement = statementLine && src.length ? statementAt(src, statementLine) : '';
  const body = bodyAt(src, a.location?.line, a.title);

  const firstLine = lines.find((l) => l.trim())?.trim() ?? '';
  const expected = lineAfter(lines, /^Expected value/);
  const received = lineAfter(lines, /^Received:/);
  const note = lineAfter(lines, /^Message:$/);
  let detail = firstLine;
  if (expected !== undefined && received !== undefined) {
    // For two records that differ in a few fields, show only those fields.
    const e = fieldValues(expected);
    const r = fieldValues(received);
    const eOnly = [...e].filter((v) => !r.has(v));
    const rOnly = [...r].filter((v) => !e.has(v));
    const few = eOnly.length > 0 && eOnly.length < e.size && expected.length + received.length > 200;
    detail = few
      ? `expected {${eOnly.join(', ')}}  |  received {${rOnly.join(', ')}}  (only the fields that differ)`
      : `expected ${expected}  |  received ${received}`;
    if (note) detail += `  (${note})`;
  }

  const f: Failure = {
    file: path.relative(upstream, absFile),
    absFile,
    name: a.fullName,
    message,
    firstLine,
    detail,
    statement,
    statementLine,
    body,
    klass: 'OTHER',
    why: RULES[RULES.length - 1][1],
  };
  const rule = (k: number): void => {
    f.klass = RULES[k][0];
    f.why = RULES[k][1];
  };
  const err = firstLine;
  const assertionFailed = /^(assert|expect)/.test(firstLine);
  if (/geo queries|\$(geoNear|geoWithin|geoIntersects|nearSphere|near)\b/i.test(err)) rule(0);
  else if (/transaction conflict|DATABASE_TRANSACTION_CONFLICT/i.test(err)) rule(1);
  else if (/not allowed inside a transaction/i.test(err)) rule(2);
  else if (message.includes('[upstream-sdk] same elements, different order')) rule(3);
  else if (/\.updated\b/.test(statement)) rule(4);
  else if (
    /unknown (query |update |aggregation )?(operator|stage|modifier)|is not registered|expression must|not allowed|not supported|unrecognized|invalid operator/i.test(
      err,
    )
  )
    rule(5);
  else if (/assert\.(rejects|throws)|\.code\s*===|\bcode:\s*['"]|\.message\s*===|ErrorCode\./.test(body)) rule(6);
  else if (/must not start with|must not contain|invalid field name/i.test(err)) rule(7);
  else if (
    assertionFailed &&
    /\bdata\[\d+\]/.test(statement) &&
    !/\.(sort|orderBy|where|match)\(/.test(body) &&
    ![...fieldValues(expected)].some((v) => fieldValues(received).has(v))
  )
    rule(8);
  else if (assertionFailed && /\b_\.\w+\(|\$\.\w+\(|\.aggregate\(\)/.test(body)) rule(9);
  return f;
}

// ---------------------------------------------------------------------------------------

interface Known {
  file: string;
  test: string;
  class: Klass;
  note: string;
}

function loadKnown(): Known[] {
  const p = path.join(here, 'known-failures.json');
  if (!fs.existsSync(p)) return [];
  return (JSON.parse(fs.readFileSync(p, 'utf8')) as { failures: Known[] }).failures;
}

function runJest(
  args: Args,
  upstream: string,
  serviceUrl: string,
  keys: { secretId: string; secretKey: string },
  outFile: string,
  logFile: string,
): Promise<number> {
  const jestBin = require.resolve('jest/bin/jest', { paths: [repoRoot] });
  const jestArgs = [
    jestBin,
    '--config',
    path.join(here, 'jest.config.js'),
    '--runInBand', // as upstream runs them: files share collection names
    '--forceExit', // node-sdk keeps agentkeepalive sockets open
    '--ci',
    '--testLocationInResults',
    '--json',
    '--outputFile',
    outFile,
    ...args.jestArgs,
  ];
  const env = {
    ...process.env,
    UPSTREAM_DIR: upstream,
    UPSTREAM_SERVICE_URL: serviceUrl,
    UPSTREAM_SECRET_ID: keys.secretId,
    UPSTREAM_SECRET_KEY: keys.secretKey,
    // The upstream expectations were written in China (e.g. dateToString of
    // new Date('1997/10/10') is expected to be '1997-10-09' in UTC).
    TZ: 'Asia/Shanghai',
  };
  return new Promise((resolve, reject) => {
    const log = args.verbose ? undefined : fs.openSync(logFile, 'w');
    const child = spawn(process.execPath, jestArgs, {
      cwd: repoRoot,
      env,
      stdio: args.verbose ? 'inherit' : ['ignore', log, log],
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 20 * 60_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (log !== undefined) fs.closeSync(log);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

const truncate = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const upstream = upstreamRoot(args.upstream);
  if (!upstream) {
    console.error(instructions(args.upstream));
    return 2;
  }

  const sdkVersion = (
    JSON.parse(fs.readFileSync(require.resolve('@cloudbase/node-sdk/package.json', { paths: [repoRoot] }), 'utf8')) as {
      version: string;
    }
  ).version;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-upstream-sdk-'));
  const outFile = args.fromJson ? path.resolve(args.fromJson) : path.join(work, 'jest.json');
  const logFile = path.join(work, 'jest.log');
  let code = 0;
  if (!args.fromJson) {
    const dataDir = path.join(work, 'data');
    fs.mkdirSync(dataDir);
    const emu = await startEmulator({ dataDir });
    const serviceUrl = `${emu.url}/admin`;
    console.log(`upstream tests: ${path.join(upstream, 'test', 'database')}`);
    console.log(`@cloudbase/node-sdk ${sdkVersion} -> emulator ${serviceUrl} (data ${dataDir})`);
    console.log(args.verbose ? 'running jest…' : `running jest… (output: ${logFile})`);
    // Collections: the upstream suites create theirs (test/common safeCollection creates the
    // collection when a read answers DATABASE_COLLECTION_NOT_EXIST), so none is made here.
    try {
      code = await runJest(args, upstream, serviceUrl, emu.keys, outFile, logFile);
    } finally {
      await emu.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }

  if (!fs.existsSync(outFile)) {
    console.error(`jest exited with ${code} and wrote no results; see ${logFile}`);
    return 1;
  }
  const res = JSON.parse(fs.readFileSync(outFile, 'utf8')) as JestJson;

  const broken = res.testResults.filter((f) => f.testExecError || (f.status === 'failed' && f.assertionResults.length === 0));
  const failures: Failure[] = [];
  for (const file of res.testResults) for (const a of file.assertionResults) if (a.status === 'failed') failures.push(describeFailure(upstream, file, a));

  const skipped = res.numPendingTests + res.numTodoTests;
  console.log('');
  console.log(`TencentCloudBase/node-sdk test/database through @cloudbase/node-sdk ${sdkVersion}, against the local emulator`);
  console.log(`total ${res.numTotalTests}   passed ${res.numPassedTests}   failed ${res.numFailedTests}   skipped ${skipped}`);

  if (broken.length) {
    console.log(`\nSUITES THAT DID NOT RUN (${broken.length}): the run itself is broken`);
    for (const f of broken) console.log(`  ${path.relative(upstream, f.name)}: ${truncate(stripAnsi(f.testExecError?.message || f.message).trim(), 600)}`);
  }

  const known = loadKnown();
  const knownFor = (f: Failure): Known | undefined => known.find((k) => k.file === f.file && k.test === f.name);
  const order: Klass[] = ['ORDER', 'UPDATED_COUNT', 'ISOLATION', 'TRANSACTION_SCOPE', 'OPERATOR', 'GEO', 'ERROR_MESSAGE', 'VALIDATION', 'OTHER'];
  if (failures.length) {
    console.log('\nFailures by class:');
    for (const k of order) {
      const group = failures.filter((f) => f.klass === k);
      if (group.length) console.log(`  ${k.padEnd(14)} ${group.length}`);
    }
    for (const k of order) {
      const group = failures.filter((f) => f.klass === k);
      if (!group.length) continue;
      console.log(`\n${k} (${group.length})`);
      for (const f of group) {
        console.log(`  - ${f.file} › ${f.name}`);
        console.log(`      ${truncate(f.detail, 400)}`);
        if (f.statementLine) console.log(`      at line ${f.statementLine}: ${truncate(f.statement.split('\n')[0].trim(), 160)}`);
        console.log(`      why ${k}: ${f.why}`);
        const kn = knownFor(f);
        if (kn) console.log(`      known: ${kn.note}${kn.class !== k ? ` (listed as ${kn.class})` : ''}`);
      }
    }
  }

  console.log('\nClassification rules (first match wins):');
  RULES.forEach(([k, why], i) => console.log(`  ${i + 1}. ${k}: ${why}`));

  const unknown = failures.filter((f) => !knownFor(f));
  const passed = new Set<string>();
  for (const file of res.testResults)
    for (const a of file.assertionResults) if (a.status === 'passed') passed.add(`${path.relative(upstream, file.name)}\n${a.fullName}`);
  const fixed = known.filter((k) => passed.has(`${k.file}\n${k.test}`));
  if (known.length) {
    console.log(`\nknown-failures.json: ${failures.length - unknown.length} of ${failures.length} failures listed`);
    for (const f of unknown) console.log(`  NOT LISTED: ${f.file} › ${f.name} [${f.klass}]`);
    for (const k of fixed) console.log(`  listed but passed now: ${k.file} › ${k.test} [${k.class}]`);
  }
  console.log(`\njest results: ${outFile}${args.verbose || args.fromJson ? '' : `, log: ${logFile}`}`);

  if (broken.length || res.numRuntimeErrorTestSuites > 0) return 1;
  if (args.strict && unknown.length) return 1;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
