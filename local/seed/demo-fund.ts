import fs from 'node:fs';
import path from 'node:path';
import { api } from '../../cloudfunctions/core/contract';
import type { Database } from '../../cloudfunctions/core/db/app';
import { inTransaction } from '../../cloudfunctions/core/db/tx';
import { localFileStore } from '../../cloudfunctions/core/files/file-store';
import { users } from '../../cloudfunctions/core/identity/identity.repository';
import { moneyActions } from '../../cloudfunctions/core/projects/money.actions';
import type { Deps } from '../../cloudfunctions/core/runtime';

/**
 * The fund's money in the demo (issue 12), recorded by the same actions staff's taps run, so
 * the ledger, the totals and the public pages are as they would be: 《德有邻孝老行动》 raised
 * through 99公益日, a unit and a cash gift, goods from a merchant, one payment with its receipt
 * photo and an update; 《银龄智能手机课堂》 raised, spent and closed with its report.
 */
export async function seedFund(db: Database, now: Date): Promise<void> {
  const filesDir = process.env.YQ_FILES_DIR ?? '.data/files';
  let clock = now;
  let seq = 0;
  const deps: Deps = {
    db,
    clock: { now: () => clock },
    ids: { next: (prefix) => `${prefix}-seed-fund-${++seq}` },
    secrets: { qr: () => 'seed', cursor: () => 'seed' },
    random: { token: () => 'seed', digits: (n) => '0'.repeat(n) },
    push: { templates: () => ({}), send: async () => undefined },
    files: localFileStore(filesDir),
  };
  const staff = (await users.get(db, 'u-staff'))!;
  const days = (n: number) => new Date(now.getTime() - n * 86_400_000);
  type Money = typeof moneyActions;
  const run = async <A extends keyof Money>(action: A, input: object, at: Date): Promise<void> => {
    clock = at;
    // The input is checked by the contract, as a call's would be.
    const parsed = api.fund[action].input.parse(input);
    await inTransaction(db, (tx) => (moneyActions[action].run as (ctx: object) => Promise<unknown>)({ deps, user: staff, viewer: staff, input: parsed, tx }));
  };
  // The receipt photo, as if uploaded through POST /files.
  fs.mkdirSync(filesDir, { recursive: true });
  fs.copyFileSync(path.join(__dirname, 'receipt.png'), path.join(filesDir, 'demo-receipt-cake.png'));

  const deyoulin = { projectId: 'pj-deyoulin' };
  const ago = (n: number) => days(n).toISOString();
  await run(
    'record',
    { ...deyoulin, kind: 'money', donorName: '99公益日网友（128 人次）', amountFen: 1_035_600, channel: 'tencent', receiptNo: '99GY-2026-0909', at: ago(50) },
    days(50),
  );
  await run(
    'record',
    { ...deyoulin, kind: 'money', donorName: '腾讯基金会配捐', amountFen: 500_000, channel: 'tencent', receiptNo: '99GY-2026-0910', at: ago(49) },
    days(49),
  );
  await run(
    'record',
    { ...deyoulin, kind: 'money', donorName: '新鲜物业服务中心', amountFen: 300_000, channel: 'unit', receiptNo: 'XW-2026-031', at: ago(45) },
    days(45),
  );
  await run('record', { ...deyoulin, kind: 'money', anonymous: true, amountFen: 36_050, channel: 'cash', at: ago(40) }, days(40));
  await run(
    'record',
    { ...deyoulin, kind: 'goods', donorName: '好邻居超市', goods: '大米 20 袋、食用油 20 桶', valueFen: 160_000, channel: 'unit', at: ago(38) },
    days(38),
  );
  await run(
    'disburse',
    { ...deyoulin, amountFen: 186_000, purpose: '十月集体生日会（蛋糕和长寿面）', payee: '好味蛋糕店', evidence: ['local:demo-receipt-cake.png'], at: ago(27) },
    days(27),
  );
  await run(
    'update',
    { ...deyoulin, text: '十月集体生日会办完了：18 位老人一起过生日，志愿者陪着吃长寿面，王奶奶说这是她十年来最热闹的生日。', photos: [] },
    days(26),
  );

  const classes = { projectId: 'pj-closed' };
  await run(
    'record',
    { ...classes, kind: 'money', donorName: '朝阳门街道社区基金', amountFen: 300_000, channel: 'bank', receiptNo: 'JJ-2026-007', at: ago(205) },
    days(205),
  );
  await run('disburse', { ...classes, amountFen: 148_000, purpose: '课堂教材印刷（200 册）', payee: '东四印刷厂', at: ago(190) }, days(190));
  await run('disburse', { ...classes, amountFen: 132_000, purpose: '志愿者交通补贴（12 次课）', payee: '大学生志愿者（22 人）', at: ago(110) }, days(110));
  await run(
    'close',
    {
      ...classes,
      report: '12 次课共 156 人次参加，93 位老人学会了手机挂号，87 位学会了视频通话。筹款 3,000 元，支出 2,800 元，余款 200 元留在项目账上，由管委会决定用途。',
    },
    days(100),
  );
}
