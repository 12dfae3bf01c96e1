import { checkWhen, decideMove, decideSystemMove, maySeeAddress, movesFor, standingOf } from '../../cloudfunctions/core/help/help.deciders';
import type { HelpRequest, Standing } from '../../cloudfunctions/core/help/help.model';
import { trimForField, wxData } from '../../cloudfunctions/core/messages/message.model';
import { refusal as codeOf, refused } from '../support/domain';
import { buildHelp, buildUser, HELP_NOW, noStanding, proxyLink } from '../support/rule-fixtures';

/** DOMAIN.md "Help requests", rule by rule: given a request and who asks, when they move, then… */
const NOW = HELP_NOW;
const H = 3600_000;
const DAY = 24 * H;
const later = (ms: number) => new Date(NOW.getTime() + ms);

const nobody: Standing = noStanding;
const volunteer = (id = 'v', over: Partial<Standing> = {}): Standing => ({ ...nobody, userId: id, volunteer: true, ...over });
const proxy: Standing = { ...nobody, userId: 'p', proxyWithHelp: true, holdsRequester: true, volunteer: true };
const staff: Standing = { ...nobody, userId: 's', staff: true };
const requester: Standing = { ...nobody, userId: 'elder', requester: true };
const accepted = (over: Partial<HelpRequest> = {}) => buildHelp({ status: 'accepted', volunteerId: 'v', volunteerName: '刘洋', acceptedAt: NOW, ...over });
const done = (over: Partial<HelpRequest> = {}) => accepted({ status: 'done', doneAt: NOW, ...over });

describe('accept', () => {
  it('given an open request tomorrow, when a volunteer accepts, then it is theirs and the requester is told', () => {
    const d = decideMove(buildHelp(), 'accept', volunteer(), NOW, { name: '刘洋' });
    expect(d.patch).toEqual({ status: 'accepted', volunteerId: 'v', volunteerName: '刘洋', acceptedAt: NOW });
    expect(d.money).toBeUndefined();
    expect(d.tell).toEqual([{ to: 'requester', kind: 'help.accepted' }]);
  });
  it('a taken request is HELP.TAKEN; a cancelled, expired or overdue one is HELP.NOT_OPEN', () => {
    for (const status of ['accepted', 'done', 'completed', 'disputed'] as const)
      expect(codeOf(() => decideMove(buildHelp({ status }), 'accept', volunteer(), NOW))).toBe('HELP.TAKEN');
    for (const status of ['cancelled', 'expired'] as const)
      expect(codeOf(() => decideMove(buildHelp({ status }), 'accept', volunteer(), NOW))).toBe('HELP.NOT_OPEN');
    expect(codeOf(() => decideMove(buildHelp({ when: NOW }), 'accept', volunteer(), NOW))).toBe('HELP.NOT_OPEN');
    expect(codeOf(() => decideMove(buildHelp({ when: later(1) }), 'accept', volunteer(), NOW))).toBe('allowed');
  });
  it('nobody takes their own request, one for an elder they hold, or one they posted', () => {
    expect(codeOf(() => decideMove(buildHelp(), 'accept', volunteer('elder', { requester: true }), NOW))).toBe('HELP.OWN_REQUEST');
    expect(codeOf(() => decideMove(buildHelp(), 'accept', volunteer('q', { holdsRequester: true }), NOW))).toBe('HELP.OWN_REQUEST');
    expect(codeOf(() => decideMove(buildHelp({ postedBy: 'v' }), 'accept', volunteer('v'), NOW))).toBe('HELP.OWN_REQUEST');
  });
  it('only a volunteer may take one', () => {
    expect(codeOf(() => decideMove(buildHelp(), 'accept', { ...nobody, userId: 'r' }, NOW))).toBe('AUTH.FORBIDDEN');
  });
  it('booked again: for 24 hours only the volunteer it was offered to may take it, then anyone', () => {
    const h = buildHelp({ when: later(2 * DAY), offeredTo: 'v', offeredUntil: later(DAY) });
    expect(codeOf(() => decideMove(h, 'accept', volunteer('w'), NOW))).toBe('HELP.RESERVED');
    expect(codeOf(() => decideMove(h, 'accept', volunteer('v'), NOW))).toBe('allowed');
    expect(codeOf(() => decideMove(h, 'accept', volunteer('w'), later(DAY)))).toBe('allowed');
  });
});

describe('the volunteer: withdraw and done', () => {
  it('given an accepted request, when its volunteer withdraws, then it is open again without them', () => {
    const d = decideMove(accepted(), 'withdraw', volunteer(), NOW);
    expect(d.patch).toEqual({ status: 'open', volunteerId: undefined, volunteerName: undefined, acceptedAt: undefined });
    expect(d.tell).toEqual([{ to: 'requester', kind: 'help.withdrawn' }]);
  });
  it('only the volunteer who took it, and only before done', () => {
    expect(codeOf(() => decideMove(accepted(), 'withdraw', volunteer('w'), NOW))).toBe('AUTH.FORBIDDEN');
    expect(codeOf(() => decideMove(done(), 'withdraw', volunteer(), NOW))).toBe('HELP.BAD_STATE');
    expect(codeOf(() => decideMove(accepted(), 'done', volunteer('w'), NOW))).toBe('AUTH.FORBIDDEN');
    expect(codeOf(() => decideMove(done(), 'done', volunteer(), NOW))).toBe('HELP.BAD_STATE');
  });
  it('when the volunteer says it is done, then it waits for the requester, who is told', () => {
    const d = decideMove(accepted(), 'done', volunteer(), NOW);
    expect(d.patch).toEqual({ status: 'done', doneAt: NOW });
    expect(d.tell).toEqual([{ to: 'requester', kind: 'help.done' }]);
  });
});

describe("the requester's side: confirm, dispute, cancel, rebook", () => {
  it('given a done request, when the proxy confirms with 5 stars, then it completes and the escrow pays the volunteer', () => {
    const d = decideMove(done(), 'confirm', proxy, NOW, { rating: 5, comment: '很好' });
    expect(d.patch).toEqual({ status: 'completed', rating: 5, comment: '很好', closedAt: NOW });
    expect(d.money).toBe('pay');
    expect(d.tell).toEqual([{ to: 'volunteer', kind: 'help.completed' }]);
  });
  it('a rating outside 1–5 or not whole is INPUT.INVALID on the rating field', () => {
    for (const rating of [0, 6, 2.5, undefined]) {
      const r = refused(() => decideMove(done(), 'confirm', proxy, NOW, { rating }));
      expect(r).toMatchObject({ code: 'INPUT.INVALID', details: { fields: [{ path: 'rating' }] } });
    }
    for (const rating of [1, 5]) expect(codeOf(() => decideMove(done(), 'confirm', proxy, NOW, { rating }))).toBe('allowed');
  });
  it('confirming what is not done is HELP.BAD_STATE', () => {
    expect(codeOf(() => decideMove(accepted(), 'confirm', proxy, NOW, { rating: 5 }))).toBe('HELP.BAD_STATE');
  });
  it('the requester, a proxy with the help scope, and staff for a managed elder may act; staff for someone with WeChat, a proxy without the scope, the volunteer may not', () => {
    expect(codeOf(() => decideMove(done(), 'confirm', requester, NOW, { rating: 3 }))).toBe('allowed');
    expect(codeOf(() => decideMove(done(), 'confirm', staff, NOW, { rating: 3 }))).toBe('allowed');
    expect(codeOf(() => decideMove(done({ requesterManaged: false }), 'confirm', { ...staff, requesterManaged: false }, NOW, { rating: 3 }))).toBe(
      'AUTH.FORBIDDEN',
    );
    expect(codeOf(() => decideMove(done(), 'confirm', { ...proxy, proxyWithHelp: false }, NOW, { rating: 3 }))).toBe('AUTH.FORBIDDEN');
    expect(codeOf(() => decideMove(done(), 'confirm', volunteer(), NOW, { rating: 5 }))).toBe('AUTH.FORBIDDEN');
  });
  it('a dispute of a done request goes to staff and the volunteer; nothing is paid yet', () => {
    const d = decideMove(done(), 'dispute', proxy, NOW, { reason: '没买到' });
    expect(d.patch).toEqual({ status: 'disputed', disputeReason: '没买到' });
    expect(d.money).toBeUndefined();
    expect(d.tell).toEqual([
      { to: 'volunteer', kind: 'help.disputed' },
      { to: 'staff', kind: 'help.disputed' },
    ]);
    expect(codeOf(() => decideMove(accepted(), 'dispute', proxy, NOW, { reason: 'x' }))).toBe('HELP.BAD_STATE');
    expect(codeOf(() => decideMove(done(), 'dispute', volunteer('w'), NOW, { reason: 'x' }))).toBe('AUTH.FORBIDDEN');
  });
  it('cancel while open refunds quietly; after acceptance it refunds and tells the volunteer; after done it is refused', () => {
    expect(decideMove(buildHelp(), 'cancel', proxy, NOW)).toEqual({ patch: { status: 'cancelled', closedAt: NOW }, money: 'refund', tell: [] });
    expect(decideMove(accepted(), 'cancel', proxy, NOW).tell).toEqual([{ to: 'volunteer', kind: 'help.cancelled' }]);
    for (const status of ['done', 'completed', 'cancelled', 'expired', 'disputed'] as const)
      expect(codeOf(() => decideMove(buildHelp({ status, volunteerId: 'v' }), 'cancel', proxy, NOW))).toBe('HELP.BAD_STATE');
    expect(codeOf(() => decideMove(buildHelp(), 'cancel', volunteer('w'), NOW))).toBe('AUTH.FORBIDDEN');
  });
  it('rebook only a completed request that a volunteer was paid for', () => {
    const completed = done({ status: 'completed' });
    expect(codeOf(() => decideMove(completed, 'rebook', proxy, NOW))).toBe('allowed');
    expect(codeOf(() => decideMove(done(), 'rebook', proxy, NOW))).toBe('HELP.BAD_STATE');
    expect(codeOf(() => decideMove(buildHelp({ status: 'completed' }), 'rebook', proxy, NOW))).toBe('HELP.BAD_STATE');
    expect(codeOf(() => decideMove({ ...completed, resolution: { outcome: 'refund', note: '', by: 's', at: NOW } }, 'rebook', proxy, NOW))).toBe(
      'HELP.BAD_STATE',
    );
    expect(codeOf(() => decideMove({ ...completed, resolution: { outcome: 'pay', note: '', by: 's', at: NOW } }, 'rebook', proxy, NOW))).toBe('allowed');
    expect(codeOf(() => decideMove(completed, 'rebook', volunteer(), NOW))).toBe('AUTH.FORBIDDEN');
  });
});

describe('staff settle a dispute', () => {
  const disputed = () => done({ status: 'disputed', disputeReason: '没买到' });
  it('pay: completed and the volunteer paid; refund: cancelled and the requester refunded; both sides told; the note kept', () => {
    const pay = decideMove(disputed(), 'resolve', staff, NOW, { outcome: 'pay', note: '核实已完成' });
    expect(pay.patch).toEqual({ status: 'completed', resolution: { outcome: 'pay', note: '核实已完成', by: 's', at: NOW }, closedAt: NOW });
    expect(pay.money).toBe('pay');
    const refund = decideMove(disputed(), 'resolve', staff, NOW, { outcome: 'refund', note: '没完成' });
    expect(refund.patch.status).toBe('cancelled');
    expect(refund.money).toBe('refund');
    expect(refund.tell).toEqual([
      { to: 'requester', kind: 'help.resolved' },
      { to: 'volunteer', kind: 'help.resolved' },
    ]);
  });
  it('staff must say which way the coins go', () => {
    expect(refused(() => decideMove(disputed(), 'resolve', staff, NOW, { note: 'x' }))).toMatchObject({
      code: 'INPUT.INVALID',
      details: { fields: [{ path: 'outcome' }] },
    });
  });
  it('only staff, and only a disputed request', () => {
    expect(codeOf(() => decideMove(disputed(), 'resolve', proxy, NOW, { outcome: 'pay', note: 'x' }))).toBe('AUTH.FORBIDDEN');
    expect(codeOf(() => decideMove(done(), 'resolve', staff, NOW, { outcome: 'pay', note: 'x' }))).toBe('HELP.BAD_STATE');
  });
});

describe('the timer', () => {
  it('an open request past its time expires and is refunded; not a moment before; nothing else expires', () => {
    expect(decideSystemMove(buildHelp({ when: NOW }), 'expire', NOW)).toEqual({
      patch: { status: 'expired', closedAt: NOW },
      money: 'refund',
      tell: [{ to: 'requester', kind: 'help.expired' }],
    });
    expect(decideSystemMove(buildHelp({ when: later(1) }), 'expire', NOW)).toBeNull();
    expect(decideSystemMove(accepted({ when: later(-DAY) }), 'expire', NOW)).toBeNull();
  });
  it('three days after done it completes by itself and pays; a day before, the requester side and staff are told once', () => {
    const h = done({ doneAt: later(-3 * DAY) });
    expect(decideSystemMove(h, 'autoComplete', NOW)).toEqual({
      patch: { status: 'completed', autoCompleted: true, closedAt: NOW },
      money: 'pay',
      tell: [
        { to: 'volunteer', kind: 'help.completed' },
        { to: 'requester', kind: 'help.autoCompleted' },
      ],
    });
    expect(decideSystemMove(done({ doneAt: later(-3 * DAY + 1) }), 'autoComplete', NOW)).toBeNull();
    expect(decideSystemMove(done({ doneAt: undefined }), 'autoComplete', NOW)).toBeNull();
    expect(decideSystemMove(done({ status: 'disputed', doneAt: later(-4 * DAY) }), 'autoComplete', NOW)).toBeNull();
    expect(decideSystemMove(done({ doneAt: later(-2 * DAY) }), 'remind', NOW)).toEqual({
      patch: { remindedAt: NOW },
      tell: [
        { to: 'requester', kind: 'help.completing' },
        { to: 'staff', kind: 'help.completing' },
      ],
    });
    expect(decideSystemMove(done({ doneAt: later(-2 * DAY + 1) }), 'remind', NOW)).toBeNull();
    expect(decideSystemMove(done({ doneAt: later(-2 * DAY), remindedAt: NOW }), 'remind', NOW)).toBeNull();
    expect(decideSystemMove(accepted({ doneAt: later(-2 * DAY) }), 'remind', NOW)).toBeNull();
    expect(decideSystemMove(done({ doneAt: undefined }), 'remind', NOW)).toBeNull();
  });
});

describe('what each person may do, and see', () => {
  it('the buttons offered are exactly the moves the rules allow', () => {
    expect(movesFor(buildHelp(), volunteer('w'), NOW)).toEqual(['accept']);
    expect(movesFor(buildHelp(), proxy, NOW)).toEqual(['cancel']);
    expect(movesFor(accepted(), volunteer(), NOW)).toEqual(['withdraw', 'done']);
    expect(movesFor(done(), proxy, NOW)).toEqual(['confirm', 'dispute']);
    expect(movesFor(done({ status: 'disputed' }), staff, NOW)).toEqual(['resolve']);
    expect(movesFor(done({ status: 'completed' }), proxy, NOW)).toEqual(['rebook']);
  });
  it('the address: the requester side, staff and the poster always; the volunteer while it lasts and a day after; nobody else', () => {
    expect(maySeeAddress(buildHelp(), volunteer('w'), NOW)).toBe(false);
    for (const s of [requester, proxy, staff, { ...nobody, userId: 'q', holdsRequester: true }]) expect(maySeeAddress(buildHelp(), s, NOW)).toBe(true);
    expect(maySeeAddress(buildHelp({ postedBy: 'x' }), nobody, NOW)).toBe(true);
    for (const status of ['accepted', 'done', 'disputed'] as const) expect(maySeeAddress(accepted({ status }), volunteer(), NOW)).toBe(true);
    expect(maySeeAddress(accepted(), volunteer('w'), NOW)).toBe(false);
    const completed = done({ status: 'completed', closedAt: NOW });
    expect(maySeeAddress(completed, volunteer(), later(DAY))).toBe(true);
    expect(maySeeAddress(completed, volunteer(), later(DAY + 1))).toBe(false);
    expect(maySeeAddress(done({ status: 'completed' }), volunteer(), NOW)).toBe(false);
    expect(maySeeAddress(accepted({ status: 'cancelled', closedAt: NOW }), volunteer(), NOW)).toBe(false);
    expect(maySeeAddress(buildHelp({ status: 'expired' }), volunteer(), NOW)).toBe(false);
  });
  it('a time: after now and at most 60 days ahead', () => {
    expect(refused(() => checkWhen(NOW, NOW))).toMatchObject({ code: 'INPUT.INVALID', details: { fields: [{ path: 'when' }] } });
    expect(codeOf(() => checkWhen(later(1), NOW))).toBe('allowed');
    expect(codeOf(() => checkWhen(later(60 * DAY), NOW))).toBe('allowed');
    expect(refused(() => checkWhen(later(60 * DAY + 1), NOW)).message).toContain('60 天');
  });
  it('how a person stands: from their roles and the active links they hold with the help scope', () => {
    const h = buildHelp();
    const p = buildUser('p', [{ role: 'volunteer', scope: 'c-a' }]);
    expect(standingOf(p, h, [proxyLink({ scopes: ['help'] })])).toEqual({
      userId: 'p',
      requester: false,
      proxyWithHelp: true,
      holdsRequester: true,
      staff: false,
      requesterManaged: true,
      volunteer: true,
    });
    expect(standingOf(p, h, [proxyLink({ scopes: ['wallet'] })])).toMatchObject({ proxyWithHelp: false, holdsRequester: true });
    expect(standingOf(p, h, [proxyLink({ status: 'revoked', scopes: ['help'] })])).toMatchObject({ proxyWithHelp: false, holdsRequester: false });
    expect(standingOf(p, h, [proxyLink({ proxyId: 'q', scopes: ['help'] })])).toMatchObject({ proxyWithHelp: false, holdsRequester: false });
    expect(standingOf(p, h, [proxyLink({ elderId: 'other', scopes: ['help'] })])).toMatchObject({ holdsRequester: false });
    expect(standingOf(buildUser('elder', [{ role: 'resident', scope: 'c-a' }]), h, [])).toMatchObject({ requester: true, volunteer: false });
    expect(standingOf(buildUser('s', [{ role: 'staff', scope: 'c-a' }]), h, [])).toMatchObject({ staff: true });
    expect(standingOf(buildUser('v', [{ role: 'volunteer', scope: 'c-a' }], { streetId: 's-2' }), h, [])).toMatchObject({ volunteer: false });
    const both = buildUser('v', [
      { role: 'resident', scope: 'c-a' },
      { role: 'volunteer', scope: 'c-a' },
    ]);
    expect(standingOf(both, h, [])).toMatchObject({ volunteer: true });
  });
});

describe('subscribe messages fit WeChat', () => {
  it('each field is cut to its type: thing 20, phrase 5, name 10 characters; time as is', () => {
    const long = '一二三四五六七八九十一二三四五六七八九十一二';
    expect([...trimForField('thing1', long)]).toHaveLength(20);
    expect(trimForField('thing1', long).endsWith('…')).toBe(true);
    expect(trimForField('thing1', '一二三')).toBe('一二三');
    expect(trimForField('thing2', long.slice(0, 20))).toBe(long.slice(0, 20));
    expect([...trimForField('phrase3', '已经完成了的')]).toHaveLength(5);
    expect([...trimForField('name4', long)]).toHaveLength(10);
    expect(trimForField('time5', '2026-11-22 10:00')).toBe('2026-11-22 10:00');
    // Field numbers run past 9 (thing12).
    expect([...trimForField('thing12', long)]).toHaveLength(20);
    expect(wxData({ id: 't', fields: { title: 'thing1', at: 'time3' } }, { title: '求助有人接了', body: '不发送', at: '2026-11-22 10:00' })).toEqual({
      thing1: { value: '求助有人接了' },
      time3: { value: '2026-11-22 10:00' },
    });
  });
});
