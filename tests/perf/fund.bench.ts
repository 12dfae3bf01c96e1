import { checkLedger } from '../../cloudfunctions/core/ledger/check';
import { newRequestId, startTestGateway, type TestGateway } from '../support/gateway';
import { printTable, sequential } from './stats';

/**
 * `npm run bench fund` (issue 12): a project with 5,000 recorded donations. Its public page
 * and each page of its donations must read at most 2 × page + 10 documents, whatever lies
 * behind them, and its totals must come from balances (the figures agree with the ledger).
 * Printed next to the floor of one read by id.
 */
/** The page size of the public lists (API.md: at most 50; these answer 20). */
const PAGE = 20;
const DONATIONS = 5_000;

async function activeProject(gw: TestGateway, staff: string): Promise<string> {
  const call = async (who: string, action: string, input: object) => {
    const r = await gw.call(who, 'fund', action, input, newRequestId());
    if (!r.body.ok) throw new Error(JSON.stringify(r.body));
    return r.body.data;
  };
  const { project } = await call(staff, 'propose', {
    communityId: 'c-xinxian',
    title: '压测项目',
    need: '压测用的社区需要，写够十个字。',
    goalFen: 100_000_000,
    plan: '压测用的执行计划，写够十个字。',
    budget: [{ item: '物资', amountFen: 100_000_000 }],
  });
  await call(staff, 'submit', { projectId: project.id });
  for (const m of ['u-committee-1', 'u-committee-2', 'u-committee-3']) await call(await gw.login(m), 'vote', { projectId: project.id, decision: 'approve' });
  return project.id;
}

export async function runFundBench(): Promise<void> {
  const gw = await startTestGateway();
  const failures: string[] = [];
  try {
    const staff = await gw.login('u-staff');
    const projectId = await activeProject(gw, staff);
    const channels = ['tencent', 'bank', 'cash', 'unit', 'campaign'];
    let sum = 0;
    const t0 = performance.now();
    for (let i = 0; i < DONATIONS; i++) {
      const amountFen = 100 + (i % 997);
      sum += amountFen;
      const r = await gw.call(
        staff,
        'fund',
        'record',
        { projectId, kind: 'money', donorName: `捐赠人${i}`, amountFen, channel: channels[i % channels.length], receiptNo: `R${i}` },
        newRequestId(),
      );
      if (!r.body.ok) throw new Error(JSON.stringify(r.body));
    }
    const recordSeconds = (performance.now() - t0) / 1000;
    // Donations come over weeks, not minutes: two hours later, balances are a snapshot plus
    // recent postings. The first read moves each snapshot forward once (printed); then measured.
    await fetch(`${gw.url}/api/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMinutes: 120 }) });
    const before = gw.engine.stats.docsRead;
    await gw.call(null, 'fund', 'overview', { streetId: 's-cym' });
    const refreshDocs = gw.engine.stats.docsRead - before;
    const rows: Array<Array<string | number>> = [];
    const measure = async (name: string, action: string, input: object, budget: number): Promise<void> => {
      let worst = 0;
      let shown = 0;
      const f = await sequential(30, async () => {
        const before = gw.engine.stats.docsRead;
        const r = await gw.call(null, 'fund', action, input);
        if (!r.body.ok) throw new Error(JSON.stringify(r.body));
        shown = r.body.data.items?.length ?? 1;
        worst = Math.max(worst, gw.engine.stats.docsRead - before);
      });
      if (worst > budget) failures.push(`${name}: ${worst} documents read, budget ${budget}`);
      rows.push([name, shown, worst, budget, f.p50, f.p95]);
    };
    const cursorAt = async (n: number): Promise<string | undefined> => {
      let cursor: string | undefined;
      for (let i = 0; i < n; i++) cursor = (await gw.call(null, 'fund', 'donations', { projectId, ...(cursor ? { cursor } : {}) })).body.data.nextCursor;
      return cursor;
    };
    await measure('project page (public, no login)', 'project', { projectId }, 2 + 10);
    await measure('donations page 1', 'donations', { projectId }, 2 * PAGE + 10);
    await measure('donations page 50', 'donations', { projectId, cursor: await cursorAt(49) }, 2 * PAGE + 10);
    await measure('donations page 100 (last)', 'donations', { projectId, cursor: await cursorAt(99) }, 2 * PAGE + 10);
    await measure('fund overview (street)', 'overview', { streetId: 's-cym' }, 2 * PAGE + 10);
    const floor = await sequential(120, () => gw.db.collection('users').doc('u-vol-1').get());

    const p = (await gw.call(null, 'fund', 'project', { projectId })).body.data.project;
    if (p.money.raisedFen !== sum) failures.push(`raised ${p.money.raisedFen}, recorded ${sum}`);
    if (p.money.leftFen !== sum) failures.push(`left ${p.money.leftFen} (ledger balance), recorded ${sum}`);
    const ledger = await checkLedger(gw.db);
    if (ledger.problems.length) failures.push(`ledger: ${JSON.stringify(ledger.problems.slice(0, 3))}`);
    printTable(
      `A project's public page and its donations, with ${DONATIONS.toLocaleString()} donations behind them — documents read per call and ms`,
      ['call', 'items', 'docs read', 'budget', 'p50', 'p95'],
      [...rows, ['floor: one user by id through node-sdk', 1, 1, '', floor.p50, floor.p95]],
    );
    console.log(`the first read after the snapshots fell an hour behind moved them forward, reading ${refreshDocs} documents once`);
    console.log(
      `recorded ${DONATIONS} donations one after another in ${recordSeconds.toFixed(1)} s (${((recordSeconds * 1000) / DONATIONS).toFixed(1)} ms each); raised = left = ¥${(sum / 100).toFixed(2)} from balances: ${failures.length === 0 ? 'yes' : 'NO'}; ledger problems: ${ledger.problems.length} over ${ledger.entries} entries`,
    );
  } finally {
    await gw.stop();
  }
  if (failures.length) throw new Error(`the fund's public pages broke a budget or an invariant:\n${failures.join('\n')}`);
}
