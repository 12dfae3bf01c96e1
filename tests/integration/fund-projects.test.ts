import { newRequestId, startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Micro-projects and the committee's review (DOMAIN.md "Community fund") through the gateway:
 * drafts, submitting to the committee of the moment, recusal, one reject, the quorum edge,
 * closing after the deadline, and a vote racing the close — each decided by the database.
 */
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.stop();
});

const tokens: Record<string, string> = {};
const as = async (userId: string) => (tokens[userId] ??= await gw.login(userId));
const fund = async (userId: string, action: string, input: object = {}, write = true) =>
  gw.call(await as(userId), 'fund', action, input, write ? newRequestId() : undefined);
const advanceDays = async (days: number) => {
  const r = await fetch(`${gw.url}/api/dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMinutes: days * 24 * 60 }),
  });
  expect(r.ok).toBe(true);
};
const MEMBERS = ['u-committee-1', 'u-committee-2', 'u-committee-3'];
const proposal = (over: object = {}) => ({
  communityId: 'c-xinxian',
  title: '德有邻孝老行动',
  need: '社区独居老人多，吃饭和看病没人照应，需要志愿者定期上门陪伴。',
  goalFen: 2_000_000,
  plan: '组织 20 名志愿者结对 40 位独居老人，每周上门一次，每月一次集体生日会。',
  budget: [
    { item: '生日会物资', amountFen: 1_200_000 },
    { item: '志愿者保险', amountFen: 800_000 },
  ],
  ...over,
});
async function submitted(over: object = {}): Promise<string> {
  const draft = (await fund('u-staff', 'propose', proposal(over))).body.data.project;
  const r = await fund('u-staff', 'submit', { projectId: draft.id });
  expect(r.body.data.project).toMatchObject({ status: 'review', reviewers: 3, answered: 0 });
  return draft.id;
}
const vote = (who: string, projectId: string, decision: string, comment?: string) =>
  fund(who, 'vote', { projectId, decision, ...(comment ? { comment } : {}) });

it('a draft is the community staff’s own until submitted; then every member is asked', async () => {
  const draft = (await fund('u-staff', 'propose', proposal())).body.data.project;
  expect(draft).toMatchObject({ status: 'draft', can: ['edit', 'submit'], proposerName: '李秀英', communityName: '新鲜社区' });
  for (const who of ['u-vol-1', 'u-committee-1', 'u-staff-chaoxi'])
    expect((await fund(who, 'project', { projectId: draft.id }, false)).body.error.code).toBe('FUND.NOT_FOUND');
  const publicList = (await fund('u-vol-1', 'projects', {}, false)).body.data.items.map((p: { id: string }) => p.id);
  expect(publicList).not.toContain(draft.id);
  const edited = await fund('u-staff', 'propose', proposal({ projectId: draft.id, goalFen: 1_500_000 }));
  expect(edited.body.data.project).toMatchObject({ id: draft.id, goalFen: 1_500_000 });
  expect((await fund('u-staff-chaoxi', 'submit', { projectId: draft.id })).body.error.code).toBe('FUND.NOT_FOUND');
  const sent = await fund('u-staff', 'submit', { projectId: draft.id });
  expect(sent.body.data.project).toMatchObject({ status: 'review', reviewers: 3, answered: 0, can: [] });
  expect((await fund('u-staff', 'submit', { projectId: draft.id })).body.error.code).toBe('FUND.BAD_STATE');
  expect((await fund('u-staff', 'propose', proposal({ projectId: draft.id }))).body.error.code).toBe('FUND.BAD_STATE');
  for (const m of MEMBERS) {
    const inbox = (await gw.call(await as(m), 'message', 'list', {})).body.data.items;
    expect(inbox.map((x: { title: string; link: string }) => [x.title, x.link])).toContainEqual(['有微项目等您评审', `/pages/project/index?id=${draft.id}`]);
    expect((await fund(m, 'project', { projectId: draft.id }, false)).body.data.project.can).toEqual(['vote', 'declareConflict']);
  }
  // The tally and the ballots stay private until the decision.
  await vote('u-committee-1', draft.id, 'approve', '很需要');
  const midway = (await fund('u-vol-1', 'project', { projectId: draft.id }, false)).body.data.project;
  expect(midway).toMatchObject({ answered: 1 });
  expect(midway.tally).toBeUndefined();
  expect(midway.ballots).toBeUndefined();
});

it('a recused member does not count: two approvals of two counted members approve it, and the tally is public', async () => {
  const id = await submitted();
  expect((await fund('u-committee-1', 'declareConflict', { projectId: id, reason: '我是这个社区的居委会委员' })).body.ok).toBe(true);
  expect((await vote('u-committee-1', id, 'approve')).body.error.code).toBe('FUND.RECUSED');
  expect((await vote('u-vol-1', id, 'approve')).body.error.code).toBe('FUND.NOT_MEMBER');
  await vote('u-committee-2', id, 'approve');
  expect((await vote('u-committee-2', id, 'reject')).body.error.code).toBe('FUND.BAD_STATE');
  const last = (await vote('u-committee-3', id, 'approve', '同意')).body.data.project;
  expect(last.status).toBe('active');
  expect(last.tally).toMatchObject({
    outcome: 'approved',
    approvals: 2,
    rejects: 0,
    recused: 1,
    counted: 2,
    needed: 2,
    notVoted: 0,
    closedBy: 'everyone-voted',
  });
  const seen = (await fund('u-resident', 'project', { projectId: id }, false)).body.data.project;
  expect(seen.ballots.map((b: { memberName: string; decision: string }) => [b.memberName, b.decision])).toEqual([
    ['吴芳', 'recused'],
    ['郑强', 'approve'],
    ['冯敏', 'approve'],
  ]);
  const told = (await gw.call(await as('u-staff'), 'message', 'list', {})).body.data.items.map((m: { title: string }) => m.title);
  expect(told).toContain('微项目已通过评审');
  expect((await vote('u-committee-1', id, 'approve')).body.error).toMatchObject({ code: 'FUND.BAD_STATE', message: '评审已经结束了' });
});

it('one reject rejects it, whatever the approvals', async () => {
  const id = await submitted();
  await vote('u-committee-1', id, 'approve');
  await vote('u-committee-2', id, 'approve');
  const p = (await vote('u-committee-3', id, 'reject', '预算偏高')).body.data.project;
  expect(p.status).toBe('rejected');
  expect(p.tally).toMatchObject({ outcome: 'rejected', approvals: 2, rejects: 1 });
});

it('the quorum edge: of three, two approvals carry it; one approval and two abstentions do not', async () => {
  const yes = await submitted();
  await vote('u-committee-1', yes, 'approve');
  await vote('u-committee-2', yes, 'abstain');
  expect((await vote('u-committee-3', yes, 'approve')).body.data.project.tally).toMatchObject({ outcome: 'approved', approvals: 2, needed: 2 });
  const no = await submitted();
  await vote('u-committee-1', no, 'approve');
  await vote('u-committee-2', no, 'abstain');
  expect((await vote('u-committee-3', no, 'abstain')).body.data.project.tally).toMatchObject({ outcome: 'rejected', approvals: 1, needed: 2 });
});

it('staff close the vote only after its deadline; those who did not vote count; nothing moves after the decision', async () => {
  const id = await submitted();
  await vote('u-committee-1', id, 'approve');
  expect((await fund('u-staff', 'closeVote', { projectId: id })).body.error).toMatchObject({ code: 'FUND.BAD_STATE', message: '投票截止时间还没到' });
  await advanceDays(7);
  expect((await fund('u-committee-1', 'closeVote', { projectId: id })).body.error.code).toBe('AUTH.FORBIDDEN');
  const closed = (await fund('u-staff', 'closeVote', { projectId: id })).body.data.project;
  expect(closed.tally).toMatchObject({ outcome: 'rejected', approvals: 1, notVoted: 2, counted: 3, needed: 2, closedBy: 'deadline' });
  expect((await vote('u-committee-2', id, 'approve')).body.error.code).toBe('FUND.BAD_STATE');
  expect((await fund('u-staff', 'closeVote', { projectId: id })).body.error.code).toBe('FUND.BAD_STATE');
});

it('the last vote racing the close: one decision, and it counts what was written before it', async () => {
  const id = await submitted();
  await vote('u-committee-1', id, 'approve');
  await vote('u-committee-2', id, 'approve');
  await advanceDays(7);
  const [v, c] = await Promise.all([vote('u-committee-3', id, 'approve'), fund('u-staff', 'closeVote', { projectId: id })]);
  const oks = [v, c].filter((r) => r.body.ok);
  expect(oks).toHaveLength(1);
  const final = (await fund('u-resident', 'project', { projectId: id }, false)).body.data.project;
  if (v.body.ok) expect(final.tally).toMatchObject({ closedBy: 'everyone-voted', approvals: 3, notVoted: 0 });
  else expect(final.tally).toMatchObject({ closedBy: 'deadline', approvals: 2, notVoted: 1 });
  expect(final.status).toBe('active');
  expect([v, c].find((r) => !r.body.ok)!.body.error.code).toBe('FUND.BAD_STATE');
});

it('bad proposals are refused under their fields and write nothing; only staff of the community propose', async () => {
  const count = async () => (await gw.db.collection('projects').count()).total;
  const before = await count();
  const bad = await fund('u-staff', 'propose', proposal({ goalFen: 12.5, budget: [{ item: '', amountFen: -1 }] }));
  expect(bad.body.error.code).toBe('INPUT.INVALID');
  expect(bad.body.error.details.fields.map((f: { path: string; message: string }) => [f.path, f.message])).toEqual(
    expect.arrayContaining([
      ['goalFen', '金额最小到分'],
      ['budget.0.item', '请填写预算项目'],
      ['budget.0.amountFen', '金额必须大于 0'],
    ]),
  );
  expect((await fund('u-vol-1', 'propose', proposal())).body.error.code).toBe('AUTH.FORBIDDEN');
  expect((await fund('u-staff-chaoxi', 'propose', proposal())).body.error.code).toBe('AUTH.FORBIDDEN');
  expect(await count()).toBe(before);
});
