import { checkWhen, decideMove } from '../../cloudfunctions/core/help/help.deciders';
import type { HelpMove, HelpRequest, Standing } from '../../cloudfunctions/core/help/help.model';
import { refused } from '../support/domain';
import { buildHelp as help, HELP_NOW, noStanding } from '../support/rule-fixtures';

/**
 * What each refusal of a help request says (DOMAIN.md "Help requests"). The message is what
 * the person reads under the button, and `details.fields` puts it under the form field it
 * names, so both are behaviour: each case fails when the words or the field are lost.
 */
const NOW = HELP_NOW;
const DAY = 24 * 3600_000;
const nobody: Standing = noStanding;
const requester: Standing = { ...nobody, userId: 'elder', requester: true };
const volunteer: Standing = { ...nobody, userId: 'v', volunteer: true };
const staff: Standing = { ...nobody, userId: 's', staff: true };
const taken = { volunteerId: 'v', volunteerName: '刘洋', acceptedAt: NOW };

const forbidden = (message: string) => ({ code: 'AUTH.FORBIDDEN', message });
const badState = (message: string) => ({ code: 'HELP.BAD_STATE', message });

it.each<[string, Partial<HelpRequest>, HelpMove, Standing, object]>([
  ['someone not on the requester side confirms', { status: 'done', ...taken }, 'confirm', nobody, forbidden('只有求助人、代持人或社区社工可以这样做')],
  ['a resident who is not a volunteer accepts', {}, 'accept', { ...nobody, userId: 'r' }, forbidden('接单需要先成为志愿者')],
  ['someone else withdraws', { status: 'accepted', ...taken }, 'withdraw', { ...volunteer, userId: 'w' }, forbidden('只有接单的志愿者可以退单')],
  ['the volunteer withdraws after done', { status: 'done', ...taken }, 'withdraw', volunteer, badState('已经完成的求助不能退单')],
  ['someone else says it is done', { status: 'accepted', ...taken }, 'done', { ...volunteer, userId: 'w' }, forbidden('只有接单的志愿者可以说明已完成')],
  ['the requester confirms before done', { status: 'accepted', ...taken }, 'confirm', requester, badState('志愿者还没有说明已完成，现在不能确认')],
  ['the requester disputes before done', { status: 'accepted', ...taken }, 'dispute', requester, badState('只有志愿者说明已完成的求助才能提出异议')],
  ['a volunteer resolves a dispute', { status: 'disputed', ...taken }, 'resolve', volunteer, forbidden('只有本社区的社工可以处理异议')],
  ['staff resolve what is not disputed', { status: 'done', ...taken }, 'resolve', staff, badState('这条求助没有异议需要处理')],
  ['the requester cancels after done', { status: 'done', ...taken }, 'cancel', requester, badState('志愿者已经完成的求助不能取消，可以提出异议')],
  ['the requester books again what was not completed', { status: 'cancelled' }, 'rebook', requester, badState('只有完成了的求助可以再约一次')],
])('%s: refused in words', (_case, over, move, who, expected) => {
  expect(refused(() => decideMove(help(over), move, who, NOW, { rating: 5, outcome: 'pay' }))).toEqual(expected);
});

it('a rating out of range and a dispute left undecided are refused under their fields', () => {
  expect(refused(() => decideMove(help({ status: 'done', ...taken }), 'confirm', requester, NOW, { rating: 6 }))).toEqual({
    code: 'INPUT.INVALID',
    message: '请选择 1 到 5 颗星',
    details: { fields: [{ path: 'rating', message: '请选择 1 到 5 颗星' }] },
  });
  expect(refused(() => decideMove(help({ status: 'disputed', ...taken }), 'resolve', staff, NOW, {}))).toEqual({
    code: 'INPUT.INVALID',
    message: '请选择付给志愿者还是退回求助人',
    details: { fields: [{ path: 'outcome', message: '请选择' }] },
  });
});

it('a time in the past or more than 60 days ahead is refused under 什么时候', () => {
  expect(refused(() => checkWhen(NOW, NOW))).toEqual({
    code: 'INPUT.INVALID',
    message: '这个时间已经过去了，请选一个以后的时间',
    details: { fields: [{ path: 'when', message: '时间已经过去' }] },
  });
  expect(refused(() => checkWhen(new Date(NOW.getTime() + 60 * DAY + 1), NOW))).toEqual({
    code: 'INPUT.INVALID',
    message: '最多提前 60 天发布求助',
    details: { fields: [{ path: 'when', message: '最多提前 60 天' }] },
  });
});

it('nothing is invented: a move records what it was given and no more', () => {
  // Accepting without a name (the action always passes one) leaves the name empty, not made up.
  expect(decideMove(help(), 'accept', volunteer, NOW).patch.volunteerName).toBe('');
  // Staff resolving without a note keep an empty note (the contract requires one before this).
  expect(decideMove(help({ status: 'disputed', ...taken }), 'resolve', staff, NOW, { outcome: 'refund' }).patch.resolution?.note).toBe('');
  // A dispute without a reason (the contract requires one before this) keeps an empty reason.
  expect(decideMove(help({ status: 'done', ...taken }), 'dispute', requester, NOW).patch.disputeReason).toBe('');
  // Booking again changes nothing on the old request and tells no one: the new request does that.
  expect(decideMove(help({ status: 'completed', ...taken }), 'rebook', requester, NOW)).toEqual({ patch: {}, tell: [] });
});
