import { approvalsNeeded } from '../../cloudfunctions/core/projects/committee';
import { newRequestId, startTestGateway, type TestGateway } from '../support/gateway';

/**
 * The fund's committee (DOMAIN.md "Community fund"): the street admin names its members and
 * the quorum rule (default more than half); anyone of the street may read it; bad choices are
 * refused in words and change nothing.
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
const rolesOf = async (userId: string) =>
  ((await gw.db.collection('users').doc(userId).get()).data[0].roles as Array<{ role: string; scope: string }>).map((g) => g.role);

it('the demo committee: three members, more than half must agree (2 of 3); anyone of the street may look', async () => {
  for (const who of ['u-vol-1', 'u-committee-1', 'u-admin']) {
    const c = (await fund(who, 'committee', {}, false)).body.data;
    expect(c.members.map((m: { name: string }) => m.name).sort()).toEqual(['冯敏', '吴芳', '郑强'].sort());
    expect(c).toMatchObject({ quorum: 'majority', approvalsNeeded: 2 });
  }
});

it('the admin names members and the rule: roles follow, the answer and the next read agree', async () => {
  const set = await fund('u-admin', 'setCommittee', { memberIds: ['u-committee-1', 'u-committee-2', 'u-staff', 'u-vol-2'], quorum: 'two-thirds' });
  expect(set.body.ok).toBe(true);
  expect(set.body.data).toMatchObject({ quorum: 'two-thirds', approvalsNeeded: 3 });
  expect(set.body.data.members.map((m: { id: string }) => m.id).sort()).toEqual(['u-committee-1', 'u-committee-2', 'u-staff', 'u-vol-2']);
  expect(set.body.data.members.find((m: { id: string }) => m.id === 'u-committee-2').communityName).toBe('朝西社区');
  expect(await rolesOf('u-vol-2')).toContain('committee');
  expect(await rolesOf('u-committee-3')).not.toContain('committee');
  expect((await rolesOf('u-staff')).sort()).toEqual(['committee', 'staff']);
  const read = (await fund('u-vol-1', 'committee', {}, false)).body.data;
  expect(read).toMatchObject({ quorum: 'two-thirds', approvalsNeeded: 3 });
  expect(read.members).toEqual(set.body.data.members);
  // Without a rule the one chosen before stays.
  const again = await fund('u-admin', 'setCommittee', { memberIds: ['u-committee-1', 'u-committee-2', 'u-committee-3'] });
  expect(again.body.data).toMatchObject({ quorum: 'two-thirds', approvalsNeeded: 2 });
  expect(await rolesOf('u-vol-2')).not.toContain('committee');
});

it('refused in words, nothing written: not the admin, too few, the same person twice, someone of another street, an account without WeChat', async () => {
  const before = JSON.stringify((await fund('u-vol-1', 'committee', {}, false)).body.data);
  const three = ['u-committee-1', 'u-committee-2', 'u-committee-3'];
  const cases: Array<[string, object, string, string]> = [
    ['u-staff', { memberIds: three }, 'AUTH.FORBIDDEN', '只有街道管理员可以设定管委会'],
    ['u-committee-1', { memberIds: three }, 'AUTH.FORBIDDEN', '只有街道管理员可以设定管委会'],
    ['u-admin', { memberIds: ['u-committee-1', 'u-committee-2'] }, 'INPUT.INVALID', '管委会至少要有 3 名委员'],
    ['u-admin', { memberIds: ['u-committee-1', 'u-committee-2', 'u-committee-1'] }, 'INPUT.INVALID', '同一个人选了两次'],
    ['u-admin', { memberIds: [...three, 'u-nobody'] }, 'ACCOUNT.NOT_FOUND', '有人不是本街道的用户，请重新选择'],
    ['u-admin', { memberIds: [...three, 'u-elder'] }, 'INPUT.INVALID', '孙桂兰是代管账户（没有微信），不能当委员'],
    ['u-admin', { memberIds: three, quorum: 'half' }, 'INPUT.INVALID', ''],
  ];
  for (const [who, input, code, words] of cases) {
    const r = await fund(who, 'setCommittee', input);
    expect([who, r.body.error?.code]).toEqual([who, code]);
    // What a person reads: the message, or the one under the field it names.
    const said = [r.body.error.message, ...(r.body.error.details?.fields ?? []).map((f: { message: string }) => f.message)].join('|');
    expect(said).toContain(words);
  }
  // Nobody's roles changed: the elder was never made a member, and the committee reads as before.
  expect(await rolesOf('u-elder')).toEqual(['resident']);
  expect(JSON.stringify((await fund('u-vol-1', 'committee', {}, false)).body.data)).toBe(before);
});

it('how many must agree, by rule and by the members who count', () => {
  const table = [0, 1, 2, 3, 4, 5, 6, 9, 11].map((n) => [n, approvalsNeeded(n, 'majority'), approvalsNeeded(n, 'two-thirds'), approvalsNeeded(n, 'all')]);
  expect(table).toEqual([
    [0, 1, 0, 0],
    [1, 1, 1, 1],
    [2, 2, 2, 2],
    [3, 2, 2, 3],
    [4, 3, 3, 4],
    [5, 3, 4, 5],
    [6, 4, 4, 6],
    [9, 5, 6, 9],
    [11, 6, 8, 11],
  ]);
});
