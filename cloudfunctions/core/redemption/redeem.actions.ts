import type { OfferView, Redemption } from '../contract';
import type { Database } from '../db/app';
import { getDoc, inTransaction, type DbLike, type Tx } from '../db/tx';
import { DomainError } from '../errors';
import type { User } from '../identity/identity.model';
import { actingFor } from '../identity/acting-for';
import { getCommunity, getUser, USERS } from '../identity/identity.repository';
import { isStreetAdmin } from '../identity/identity.rules';
import { accountIds } from '../ledger/ledger.model';
import { balanceOf, openAccount, postEntry } from '../ledger/ledger.repository';
import type { Deps } from '../runtime';
import type { Impls } from '../shell';
import { toIso } from '../time';
import {
  codeUsable,
  decideConfirm,
  limitLeft,
  maskName,
  monthKey,
  offerAvailable,
  parseCodeInput,
  throttleAfterFailure,
  throttleCheck,
  type Throttle,
} from './redemption.deciders';
import { CODE_BYTES, CODE_TTL_MS, countDocId, DIGITS, digitsDocId, qrContent, type Merchant, type Offer, type RedeemCode } from './redemption.model';

const MERCHANTS = 'merchants';
const OFFERS = 'offers';
const CODES = 'redeemCodes';
const DIGIT_INDEX = 'redeemDigits';
const COUNTS = 'redeemCounts';
const SETTLEMENTS = 'settlements';
const THROTTLES = 'throttles';

const merchantIdsOf = (user: User): string[] => user.roles.filter((g) => g.role === 'merchant').map((g) => g.scope);

async function merchantFor(db: DbLike, merchantId: string, streetId: string): Promise<Merchant> {
  const m = await getDoc<Merchant>(db, MERCHANTS, merchantId);
  if (!m || m.streetId !== streetId) throw new DomainError('MERCHANT.NOT_FOUND');
  return m;
}

async function offerFor(db: DbLike, offerId: string, streetId: string): Promise<Offer> {
  const o = await getDoc<Offer>(db, OFFERS, offerId);
  if (!o || o.streetId !== streetId) throw new DomainError('OFFER.NOT_FOUND');
  return o;
}

async function usedThisMonth(db: DbLike, offerId: string, userId: string, now: Date): Promise<number> {
  return (await getDoc<{ count: number }>(db, COUNTS, countDocId(offerId, userId, monthKey(now))))?.count ?? 0;
}

async function offerView(db: DbLike, o: Offer, merchantName: string, forUserId: string | undefined, now: Date): Promise<OfferView> {
  const left = forUserId ? limitLeft(o, await usedThisMonth(db, o._id, forUserId, now)) : undefined;
  return {
    id: o._id,
    merchantId: o.merchantId,
    merchantName,
    title: o.title,
    ...(o.description ? { description: o.description } : {}),
    priceMinutes: o.priceMinutes,
    stock: o.stock,
    ...(o.perPersonMonthlyLimit !== undefined ? { perPersonMonthlyLimit: o.perPersonMonthlyLimit } : {}),
    ...(left !== undefined ? { limitLeft: left } : {}),
    ...(o.validUntil ? { validUntil: toIso(new Date(o.validUntil)) } : {}),
    ...(o.photoUrl ? { photoUrl: o.photoUrl } : {}),
    active: o.active,
  };
}

async function redemptionView(db: DbLike, c: RedeemCode, now: Date, names?: { offer?: string; merchant?: string; holder?: string }): Promise<Redemption> {
  const offer = names?.offer ?? (await getDoc<Offer>(db, OFFERS, c.offerId))?.title ?? '';
  const merchant = names?.merchant ?? (await getDoc<Merchant>(db, MERCHANTS, c.merchantId))?.name ?? '';
  const holder = names?.holder ?? (await getUser(db, c.userId))?.name ?? '';
  const expired = c.status === 'open' && new Date(c.expiresAt).getTime() <= now.getTime();
  return {
    code: qrContent(c._id),
    digits: c.digits,
    offerId: c.offerId,
    offerTitle: offer,
    merchantId: c.merchantId,
    merchantName: merchant,
    priceMinutes: c.priceMinutes,
    holderName: maskName(holder),
    status: expired ? 'expired' : c.status,
    expiresAt: toIso(new Date(c.expiresAt)),
    ...(c.usedAt ? { usedAt: toIso(new Date(c.usedAt)) } : {}),
    settled: !!c.settled,
  };
}

/**
 * Finds the code a merchant entered. Wrong digits count against the operator (5 a minute
 * and they wait a minute), recorded in a transaction of their own so that the refusal of
 * the request does not roll the count back.
 */
async function codeFromInput(deps: Deps, db: DbLike, operator: User, text: string): Promise<RedeemCode> {
  const throttleId = `redeem:${operator._id}`;
  const now = deps.clock.now();
  throttleCheck(await getDoc<Throttle>(deps.db, THROTTLES, throttleId), now);
  const input = parseCodeInput(text);
  let codeId: string | undefined;
  if (input.kind === 'digits') codeId = (await getDoc<{ codeId: string }>(db, DIGIT_INDEX, digitsDocId(input.digits)))?.codeId;
  else codeId = input.code;
  const code = codeId ? await getDoc<RedeemCode>(db, CODES, codeId) : null;
  if (!code || code.streetId !== operator.streetId || (input.kind === 'digits' && code.digits !== input.digits)) {
    if (input.kind === 'digits') {
      await inTransaction(deps.db, async (tx) => {
        const next = throttleAfterFailure(await getDoc<Throttle>(tx, THROTTLES, throttleId), throttleId, now);
        const { _id, ...rest } = next;
        await tx.collection(THROTTLES).doc(_id).set(rest);
      });
    }
    throw new DomainError('REDEEM.CODE_INVALID');
  }
  return code;
}

function requireOperator(user: User): string[] {
  const ids = merchantIdsOf(user);
  if (ids.length === 0) throw new DomainError('AUTH.FORBIDDEN', '只有商户店员可以核销兑换码');
  return ids;
}

async function merchantScope(db: Database, user: User, merchantId?: string): Promise<Merchant> {
  const own = merchantIdsOf(user);
  const id = merchantId ?? own[0];
  if (!id) throw new DomainError('AUTH.FORBIDDEN', '只有商户店员或街道管理员可以查看');
  const merchant = await merchantFor(db, id, user.streetId);
  if (!own.includes(id) && !isStreetAdmin(user, merchant.streetId)) throw new DomainError('AUTH.FORBIDDEN', '只能查看本店的兑换记录');
  return merchant;
}

async function writeCode(tx: Tx, code: RedeemCode): Promise<void> {
  const { _id, ...rest } = code;
  await tx.collection(CODES).doc(_id).set(rest);
}

export const redeemActions: Impls<'redeem'> = {
  offers: {
    auth: 'registered',
    async run({ deps, user, input }) {
      const holder = await actingFor(deps.db, deps.db, user, input.forUserId, 'redeem');
      // Off-sale offers are shown only to the merchant's own operators, on their own list.
      const own = !!input.merchantId && merchantIdsOf(user).includes(input.merchantId);
      if (input.includeOffSale && !own) throw new DomainError('AUTH.FORBIDDEN', '只能查看本店下架的商品');
      const where: Record<string, unknown> = { streetId: user.streetId, ...(input.includeOffSale ? {} : { active: true }) };
      if (input.merchantId) where.merchantId = input.merchantId;
      const offers = (await deps.db.collection(OFFERS).where(where).orderBy('priceMinutes', 'asc').limit(200).get()).data as Offer[];
      const now = deps.clock.now();
      const items: OfferView[] = [];
      for (const o of offers) {
        const m = await getDoc<Merchant>(deps.db, MERCHANTS, o.merchantId);
        const onSale = m?.status === 'active' && !(o.validUntil && new Date(o.validUntil).getTime() < now.getTime());
        if (!m || (!onSale && !input.includeOffSale)) continue;
        items.push(await offerView(deps.db, o, m.name, holder._id, now));
      }
      return { items };
    },
  },

  createOffer: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const [merchantId] = requireOperator(user);
      const merchant = await merchantFor(tx, merchantId, user.streetId);
      const offer: Offer = {
        _id: deps.ids.next('o'),
        merchantId,
        streetId: merchant.streetId,
        title: input.title,
        ...(input.description ? { description: input.description } : {}),
        priceMinutes: input.priceMinutes,
        stock: input.stock,
        ...(input.perPersonMonthlyLimit !== undefined ? { perPersonMonthlyLimit: input.perPersonMonthlyLimit } : {}),
        ...(input.validUntil ? { validUntil: new Date(input.validUntil) } : {}),
        ...(input.photoUrl ? { photoUrl: input.photoUrl } : {}),
        active: true,
        createdAt: deps.clock.now(),
      };
      await tx.collection(OFFERS).add(offer);
      return { offer: await offerView(tx, offer, merchant.name, undefined, deps.clock.now()) };
    },
  },

  updateOffer: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const offer = await offerFor(tx, input.offerId, user.streetId);
      if (!merchantIdsOf(user).includes(offer.merchantId)) throw new DomainError('AUTH.FORBIDDEN', '只能修改本店的商品');
      const { offerId: _ignored, validUntil, ...changes } = input;
      const next: Offer = { ...offer, ...changes, ...(validUntil ? { validUntil: new Date(validUntil) } : {}) };
      const { _id, ...rest } = next;
      await tx.collection(OFFERS).doc(_id).set(rest);
      const merchant = await merchantFor(tx, offer.merchantId, user.streetId);
      return { offer: await offerView(tx, next, merchant.name, undefined, deps.clock.now()) };
    },
  },

  issue: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const now = deps.clock.now();
      const holder = await actingFor(deps.db, tx, user, input.forUserId, 'redeem');
      const offer = await offerFor(tx, input.offerId, user.streetId);
      const merchant = await getDoc<Merchant>(tx, MERCHANTS, offer.merchantId);
      offerAvailable(offer, merchant, now);
      if (limitLeft(offer, await usedThisMonth(tx, offer._id, holder._id, now)) === 0) throw new DomainError('REDEEM.LIMIT_REACHED');
      if ((await balanceOf(deps.db, accountIds.wallet(holder._id))) < offer.priceMinutes) throw new DomainError('WALLET.INSUFFICIENT');
      // 8 digits unique among open codes: the digits document is taken over only from a code
      // that is no longer open (used, cancelled or expired).
      let digits = '';
      for (let attempt = 0; attempt < 8 && !digits; attempt++) {
        const candidate = deps.random.digits(DIGITS);
        const taken = await getDoc<{ codeId: string; expiresAt: Date }>(tx, DIGIT_INDEX, digitsDocId(candidate));
        const holderCode = taken ? await getDoc<RedeemCode>(tx, CODES, taken.codeId) : null;
        if (!holderCode || holderCode.status !== 'open' || new Date(holderCode.expiresAt).getTime() <= now.getTime()) digits = candidate;
      }
      if (!digits) throw new DomainError('REQUEST.BUSY');
      const code: RedeemCode = {
        _id: deps.random.token(CODE_BYTES),
        digits,
        offerId: offer._id,
        merchantId: offer.merchantId,
        streetId: offer.streetId,
        userId: holder._id,
        issuedBy: user._id,
        priceMinutes: offer.priceMinutes,
        status: 'open',
        expiresAt: new Date(now.getTime() + CODE_TTL_MS),
        createdAt: now,
      };
      await tx.collection(CODES).add(code);
      await tx.collection(DIGIT_INDEX).doc(digitsDocId(digits)).set({ codeId: code._id, expiresAt: code.expiresAt });
      return { code: qrContent(code._id), digits, expiresAt: toIso(code.expiresAt) };
    },
  },

  preview: {
    auth: 'registered',
    async run({ deps, user, input }) {
      const merchantIds = requireOperator(user);
      const code = await codeFromInput(deps, deps.db, user, input.code);
      const now = deps.clock.now();
      codeUsable(code, now);
      if (!merchantIds.includes(code.merchantId)) throw new DomainError('REDEEM.WRONG_MERCHANT');
      return { redemption: await redemptionView(deps.db, code, now) };
    },
  },

  confirm: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const merchantIds = requireOperator(user);
      const now = deps.clock.now();
      const code = await codeFromInput(deps, tx, user, input.code);
      // Fail fast on the latest committed state, outside the transaction's snapshot: once a
      // wallet or a stock is spent, racing confirms are refused at once instead of retrying
      // conflicts. Only refusals come from here; the checks that let money move are redone
      // inside the transaction below.
      if ((await balanceOf(deps.db, accountIds.wallet(code.userId))) < code.priceMinutes) throw new DomainError('WALLET.INSUFFICIENT');
      if (((await getDoc<Offer>(deps.db, OFFERS, code.offerId))?.stock ?? 0) <= 0) throw new DomainError('REDEEM.OUT_OF_STOCK');
      const countId = countDocId(code.offerId, code.userId, monthKey(now));
      const [offer, merchant, count, holder] = await Promise.all([
        offerFor(tx, code.offerId, user.streetId),
        getDoc<Merchant>(tx, MERCHANTS, code.merchantId),
        getDoc<{ count: number }>(tx, COUNTS, countId),
        getUser(deps.db, code.userId),
      ]);
      const used = count?.count ?? 0;
      decideConfirm(code, offer, merchant, { merchantIds }, used, now);
      // One transaction: the code closes and the stock drops (written first, so a racing
      // confirm of the same code or the last item conflicts at once), then coins move
      // volunteer → merchant and the month's count goes up.
      const closed: RedeemCode = { ...code, status: 'used', usedAt: now, confirmedBy: user._id, entryId: `redeem-${code._id}` };
      await Promise.all([writeCode(tx, closed), tx.collection(OFFERS).doc(offer._id).update({ stock: offer.stock - 1 })]);
      await postEntry(
        tx,
        {
          kind: 'redeem',
          postings: [
            { accountId: accountIds.wallet(code.userId), amountMinutes: -code.priceMinutes },
            { accountId: accountIds.merchant(code.merchantId), amountMinutes: code.priceMinutes },
          ],
          refs: { code: code._id, offerId: offer._id, merchantId: code.merchantId },
          operatorId: user._id,
          ...(code.issuedBy !== code.userId ? { actedForId: code.userId } : {}),
          memo: `${merchant!.name} · ${offer.title}`,
        },
        { now, entryId: closed.entryId!, db: deps.db },
      );
      await Promise.all([
        tx.collection(COUNTS).doc(countId).set({ count: used + 1, offerId: offer._id, userId: code.userId, month: monthKey(now) }),
        tx.collection(DIGIT_INDEX).doc(digitsDocId(code.digits)).remove(),
      ]);
      return { redemption: await redemptionView(tx, closed, now, { offer: offer.title, merchant: merchant!.name, holder: holder?.name ?? '' }) };
    },
  },

  cancel: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const parsed = parseCodeInput(input.code);
      if (parsed.kind !== 'code') throw new DomainError('REDEEM.CODE_INVALID');
      const code = await getDoc<RedeemCode>(tx, CODES, parsed.code);
      if (!code || code.streetId !== user.streetId) throw new DomainError('REDEEM.CODE_INVALID');
      if (code.userId !== user._id && code.issuedBy !== user._id) await actingFor(deps.db, tx, user, code.userId, 'redeem');
      const now = deps.clock.now();
      codeUsable(code, now);
      const cancelled: RedeemCode = { ...code, status: 'cancelled', cancelledAt: now };
      await writeCode(tx, cancelled);
      await tx.collection(DIGIT_INDEX).doc(digitsDocId(code.digits)).remove();
      return { redemption: await redemptionView(tx, cancelled, now) };
    },
  },

  mine: {
    auth: 'registered',
    async run({ deps, user, input }) {
      const holder = await actingFor(deps.db, deps.db, user, input.forUserId, 'redeem');
      const codes = (await deps.db.collection(CODES).where({ userId: holder._id }).orderBy('createdAt', 'desc').limit(100).get()).data as RedeemCode[];
      const now = deps.clock.now();
      const items = [];
      for (const c of codes) items.push(await redemptionView(deps.db, c, now, { holder: holder.name }));
      return { items };
    },
  },

  merchantRedemptions: {
    auth: 'registered',
    async run({ deps, user, input }) {
      const merchant = await merchantScope(deps.db, user, input.merchantId);
      const _ = deps.db.command;
      const now = deps.clock.now();
      // Default period: today in Beijing.
      const from = input.from ? new Date(input.from) : new Date(`${toIso(now).slice(0, 10)}T00:00:00+08:00`);
      const to = input.to ? new Date(input.to) : now;
      const res = await deps.db.collection(CODES).where({ merchantId: merchant._id, status: 'used', usedAt: _.gte(from).and(_.lte(to)) }).orderBy('usedAt', 'desc').limit(1000).get();
      const codes = res.data as RedeemCode[];
      const items = [];
      for (const c of codes) items.push(await redemptionView(deps.db, c, now, { merchant: merchant.name }));
      const unsettled = (await deps.db.collection(CODES).where({ merchantId: merchant._id, status: 'used', settled: _.neq(true) }).limit(1000).get()).data as RedeemCode[];
      return {
        items,
        count: codes.length,
        totalMinutes: codes.reduce((s, c) => s + c.priceMinutes, 0),
        unsettledMinutes: unsettled.reduce((s, c) => s + c.priceMinutes, 0),
      };
    },
  },

  settle: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const merchant = await merchantFor(tx, input.merchantId, user.streetId);
      if (!isStreetAdmin(user, merchant.streetId)) throw new DomainError('AUTH.FORBIDDEN', '只有街道管理员可以结算');
      const _ = deps.db.command;
      const until = new Date(input.until);
      const due = (await deps.db.collection(CODES).where({ merchantId: merchant._id, status: 'used', settled: _.neq(true), usedAt: _.lte(until) }).limit(1000).get()).data as RedeemCode[];
      const now = deps.clock.now();
      let totalMinutes = 0;
      for (const c of due) {
        await tx.collection(CODES).doc(c._id).update({ settled: true, settledAt: now, settledBy: user._id });
        totalMinutes += c.priceMinutes;
      }
      await tx.collection(SETTLEMENTS).add({ _id: deps.ids.next('st'), merchantId: merchant._id, until, count: due.length, totalMinutes, by: user._id, at: now });
      return { settled: due.length, totalMinutes };
    },
  },

  merchants: {
    auth: 'registered',
    async run({ deps, user }) {
      if (!isStreetAdmin(user, user.streetId)) throw new DomainError('AUTH.FORBIDDEN', '只有街道管理员可以查看全部商户');
      const _ = deps.db.command;
      const list = (await deps.db.collection(MERCHANTS).where({ streetId: user.streetId }).limit(500).get()).data as Merchant[];
      const items = [];
      for (const m of list) {
        const due = (await deps.db.collection(CODES).where({ merchantId: m._id, status: 'used', settled: _.neq(true) }).limit(1000).get()).data as RedeemCode[];
        items.push({ id: m._id, name: m.name, address: m.address, status: m.status, unsettledMinutes: due.reduce((s, c) => s + c.priceMinutes, 0) });
      }
      return { items };
    },
  },

  onboardMerchant: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const community = await getCommunity(tx, input.communityId);
      if (!community || community.streetId !== user.streetId) throw new DomainError('COMMUNITY.NOT_FOUND');
      if (!isStreetAdmin(user, community.streetId)) throw new DomainError('AUTH.FORBIDDEN', '只有街道管理员可以登记商户');
      const merchantId = deps.ids.next('m');
      const operators: User[] = [];
      for (const id of input.operatorIds) {
        const op = await getUser(tx, id);
        if (!op || op.streetId !== community.streetId) throw new DomainError('ACCOUNT.NOT_FOUND', `没有找到店员：${id}`);
        operators.push(op);
      }
      const now = deps.clock.now();
      await tx.collection(MERCHANTS).add({
        _id: merchantId, name: input.name, address: input.address, communityId: community._id, streetId: community.streetId,
        operatorIds: input.operatorIds, status: 'active', createdAt: now,
      });
      await openAccount(tx, { _id: accountIds.merchant(merchantId), kind: 'merchant', ownerId: merchantId, communityId: community._id, streetId: community.streetId, createdAt: now });
      for (const op of operators) await tx.collection(USERS).doc(op._id).update({ roles: [...op.roles, { role: 'merchant', scope: merchantId }] });
      return { merchantId };
    },
  },

  suspendMerchant: {
    auth: 'registered',
    async run({ user, input, tx }) {
      const merchant = await merchantFor(tx, input.merchantId, user.streetId);
      if (!isStreetAdmin(user, merchant.streetId)) throw new DomainError('AUTH.FORBIDDEN', '只有街道管理员可以暂停商户');
      const status = input.suspended ? 'suspended' : 'active';
      await tx.collection(MERCHANTS).doc(merchant._id).update({ status });
      return { merchantId: merchant._id, status };
    },
  },
};
