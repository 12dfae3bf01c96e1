import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `npm run test:mutation [module …]`: Stryker mutates core's pure rules (stryker.config.mjs,
 * docs/mutation.md), then this prints, per module, how many mutants the unit tests killed,
 * timed out, let survive or never ran, and the score (killed + timeout) / valid mutants. It
 * lists every survivor, prints the wall time, and exits 1 when a module scores below 85%.
 * Naming modules (`npm run test:mutation -- ledger identity`) mutates only those.
 */
const ROOT = path.resolve(__dirname, '..');
const MIN_SCORE = 85;

type Status = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

/** The part of mutation-testing-report-schema's report read here. */
interface Report {
  files: Record<
    string,
    { mutants: Array<{ mutatorName: string; replacement?: string; status: Status; location: { start: { line: number; column: number } } }> }
  >;
}

interface Row {
  module: string;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  errors: number;
  score: number;
}

interface StrykerConfig {
  jsonReporter: { fileName: string };
  [option: string]: unknown;
}

/**
 * Stryker's class, loaded from its own file: the package's entry point also loads the CLI,
 * which refuses Node.js below 22 on import, while the mutation run itself works on Node.js 20
 * (the version this project runs on; docs/mutation.md).
 */
async function loadStryker(): Promise<new (options: Record<string, unknown>) => { runMutationTest(): Promise<unknown[]> }> {
  const pkg = path.dirname(require.resolve('@stryker-mutator/core/package.json', { paths: [ROOT] }));
  const mod = await import(pathToFileURL(path.join(pkg, 'dist/src/stryker.js')).href);
  return mod.Stryker;
}

const moduleOf = (file: string, modules: Record<string, string[]>): string =>
  Object.keys(modules).find((m) => modules[m].some((pattern) => pattern.replace(/:\d+-\d+$/, '') === file)) ?? '(other)';

function tally(report: Report, modules: Record<string, string[]>): { rows: Row[]; survivors: string[] } {
  const rows = new Map<string, Row>(
    Object.keys(modules).map((m) => [m, { module: m, killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0, score: NaN }]),
  );
  const survivors: string[] = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const relative = path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/');
    const module = moduleOf(relative, modules);
    const row = rows.get(module) ?? { module, killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0, score: NaN };
    rows.set(module, row);
    for (const m of mutants) {
      if (m.status === 'Killed') row.killed++;
      else if (m.status === 'Timeout') row.timeout++;
      else if (m.status === 'Survived') row.survived++;
      else if (m.status === 'NoCoverage') row.noCoverage++;
      else if (m.status === 'CompileError' || m.status === 'RuntimeError') row.errors++;
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        const where = `${relative}:${m.location.start.line}:${m.location.start.column}`;
        survivors.push(
          `${module.padEnd(11)} ${where.padEnd(58)} ${m.status === 'NoCoverage' ? '(no coverage) ' : ''}${m.mutatorName}: ${oneLine(m.replacement)}`,
        );
      }
    }
  }
  for (const row of rows.values()) {
    const valid = row.killed + row.timeout + row.survived + row.noCoverage;
    row.score = valid === 0 ? NaN : (100 * (row.killed + row.timeout)) / valid;
  }
  return { rows: [...rows.values()].filter((r) => !Number.isNaN(r.score)), survivors };
}

const oneLine = (text: string | undefined): string => {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > 70 ? `${flat.slice(0, 67)}...` : flat;
};

function table(rows: Row[]): string {
  const head = ['module', 'killed', 'timeout', 'survived', 'no cov', 'errors', 'score'];
  const sum = rows.reduce((t, r) => ({
    ...t,
    killed: t.killed + r.killed,
    timeout: t.timeout + r.timeout,
    survived: t.survived + r.survived,
    noCoverage: t.noCoverage + r.noCoverage,
    errors: t.errors + r.errors,
  }));
  const total = { ...sum, module: 'all', score: (100 * (sum.killed + sum.timeout)) / (sum.killed + sum.timeout + sum.survived + sum.noCoverage) };
  const line = (r: Row): string[] => [r.module, r.killed, r.timeout, r.survived, r.noCoverage, r.errors, `${r.score.toFixed(2)}%`].map(String);
  const cells = [head, ...rows.map(line), line(total)];
  const widths = head.map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  const fmt = (c: string[]): string => `| ${c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [fmt(head), rule, ...cells.slice(1, -1).map(fmt), fmt(cells[cells.length - 1])].join('\n');
}

async function main(): Promise<number> {
  const started = Date.now();
  const configFile = path.join(ROOT, 'stryker.config.mjs');
  const { default: config, MODULES: all } = (await import(pathToFileURL(configFile).href)) as { default: StrykerConfig; MODULES: Record<string, string[]> };
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((m) => !(m in all));
  if (unknown.length > 0) {
    console.error(`没有这些模块：${unknown.join(', ')}（可选：${Object.keys(all).join(', ')}）`);
    return 2;
  }
  const modules = wanted.length > 0 ? Object.fromEntries(wanted.map((m) => [m, all[m]])) : all;
  const reportFile = path.resolve(ROOT, config.jsonReporter.fileName);
  fs.rmSync(reportFile, { force: true });

  const Stryker = await loadStryker();
  process.chdir(ROOT);
  await new Stryker({ configFile: 'stryker.config.mjs', ...(wanted.length > 0 ? { mutate: Object.values(modules).flat() } : {}) }).runMutationTest();
  if (!fs.existsSync(reportFile)) {
    console.error(`Stryker 没有写出报告 ${path.relative(ROOT, reportFile)}（见上面的错误）`);
    return 1;
  }
  const { rows, survivors } = tally(JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Report, modules);
  const seconds = Math.round((Date.now() - started) / 1000);

  console.log('\nMutation score per module (score = (killed + timeout) / (killed + timeout + survived + no coverage)):\n');
  console.log(table(rows));
  console.log(`\nSurvivors (${survivors.length}; the equivalent ones are explained in docs/mutation.md):`);
  for (const s of survivors) console.log(`  ${s}`);
  console.log(`\nTotal wall time: ${Math.floor(seconds / 60)} min ${seconds % 60} s. Report: ${path.relative(ROOT, reportFile)}`);
  const low = rows.filter((r) => r.score < MIN_SCORE);
  if (low.length > 0) {
    console.error(`\nBelow ${MIN_SCORE}%: ${low.map((r) => `${r.module} (${r.score.toFixed(2)}%)`).join(', ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
