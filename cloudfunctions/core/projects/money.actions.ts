import { Channel, type FundOverview } from '../contract/fund';
import { pageAnswer, pageOf } from '../db/paging';
import type { DbLike } from '../db/tx';
import { DomainError } from '../errors';
import { requirePhotos } from '../files/file-store';
import type { User } from '../identity/identity.model';
import { communitiesOf, getCommunity, getStreet } from '../identity/identity.repository';
import { requireStaffOf } from '../identity/identity.rules';
import { accountIds } from '../ledger/ledger.model';
import { historyOf, postEntry, sharedBalances } from '../ledger/ledger.repository';
import type { Deps } from '../runtime';
import type { ActionContext, Impls } from '../shell';
import { afterDisbursement, afterDonation, decideCloseProject, donorShown, givenAt, requireActive } from './fund.deciders';
import { openProjectAccount, openStreetAccount, projectBalances } from './money';
import { projectFor, publicProject } from './project.actions';
import type { Disbursement, Donation, Project, ProjectUpdate } from './project.model';
import { disbursements, donations, projects, projectUpdates } from './project.repository';
import { disbursementViews, donationView, projectView, updateViews } from './project.views';

/** A project this caller runs: it exists for them and they are staff of its community. */
async function staffProject(ctx: Pick<ActionContext<unknown>, 'tx' | 'user'>, projectId: string): Promise<Project> {
  const p = await projectFor(ctx.tx, projectId, ctx.user);
  requireStaffOf(ctx.user, { _id: p.communityId, streetId: p.streetId });
  return p;
}

/** The answer after a write: the project as now written, with the ledger's balances read in the transaction. */
async function written(deps: Deps, tx: DbLike, p: Project, user: User) {
  return projectView(p, user, deps.clock.now(), await projectBalances(deps, p._id, tx));
}

/**
 * Raising and spending (DOMAIN.md "Community fund"): staff record money and goods, pay out
 * with evidence, tell the public what happened and close with a report; anyone reads the
 * project's page, a page of each list at a time, without logging in.
 */
export const moneyActions: Pick<Impls<'fund'>, 'record' | 'disburse' | 'update' | 'close' | 'donations' | 'disbursements' | 'updates' | 'overview' | 'pool'> = {
  record: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const p = await staffProject({ tx, user }, input.projectId);
      requireActive(p, '登记捐赠');
      const now = deps.clock.now();
      const donation: Donation = {
        _id: deps.ids.next('dn'),
        projectId: p._id,
        streetId: p.streetId,
        kind: input.kind,
        donorName: donorShown(input.donorName, input.anonymous),
        anonymous: !!input.anonymous,
        ...(input.kind === 'money' ? { amountFen: input.amountFen! } : { goods: input.goods!, valueFen: input.valueFen! }),
        channel: input.channel,
        ...(input.receiptNo ? { receiptNo: input.receiptNo } : {}),
        givenAt: givenAt(input.at, now),
        recordedBy: user._id,
        createdAt: now,
      };
      if (input.kind === 'money') {
        // Money enters the ledger from the street's donors of its channel (goods are recorded at their value, not as money).
        const from = await openStreetAccount(tx, p.streetId, 'donors', now, input.channel);
        const to = await openProjectAccount(tx, p, 'fund', now);
        const entry = await postEntry(
          tx,
          {
            kind: 'fund.donation',
            postings: [
              { accountId: from, amountFen: -input.amountFen! },
              { accountId: to, amountFen: input.amountFen! },
            ],
            refs: { projectId: p._id, donationId: donation._id },
            operatorId: user._id,
            memo: donation.donorName,
          },
          { now, entryId: deps.ids.next('e'), db: deps.db },
        );
        donation.entryId = entry._id;
      }
      const next = afterDonation(p, donation);
      await projects.put(tx, next);
      await donations.add(tx, donation);
      return { project: await written(deps, tx, next, user), donation: donationView(donation) };
    },
  },

  disburse: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const p = await staffProject({ tx, user }, input.projectId);
      requireActive(p, '登记支出');
      const evidence = await requirePhotos(deps.files, input.evidence);
      const now = deps.clock.now();
      const to = await openStreetAccount(tx, p.streetId, 'payees', now);
      const from = await openProjectAccount(tx, p, 'fund', now);
      const id = deps.ids.next('db');
      // The ledger refuses to pay out more than the project holds (FUND.OVERDRAWN), in this transaction.
      const entry = await postEntry(
        tx,
        {
          kind: 'fund.disburse',
          postings: [
            { accountId: from, amountFen: -input.amountFen },
            { accountId: to, amountFen: input.amountFen },
          ],
          refs: { projectId: p._id, disbursementId: id },
          operatorId: user._id,
          memo: input.purpose,
        },
        { now, entryId: deps.ids.next('e'), db: deps.db },
      );
      const d: Disbursement = {
        _id: id,
        projectId: p._id,
        streetId: p.streetId,
        amountFen: input.amountFen,
        purpose: input.purpose,
        payee: input.payee,
        evidence,
        paidAt: givenAt(input.at, now),
        recordedBy: user._id,
        recordedByName: user.name,
        entryId: entry._id,
        createdAt: now,
      };
      const next = afterDisbursement(p, input.amountFen);
      await projects.put(tx, next);
      await disbursements.add(tx, d);
      return { project: await written(deps, tx, next, user), disbursement: (await disbursementViews(deps.files, [d]))[0] };
    },
  },

  update: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const p = await staffProject({ tx, user }, input.projectId);
      requireActive(p, '发布进展');
      const photos = await requirePhotos(deps.files, input.photos);
      const now = deps.clock.now();
      const u: ProjectUpdate = { _id: deps.ids.next('pu'), projectId: p._id, kind: 'update', text: input.text, photos, authorName: user.name, createdAt: now };
      const next = { ...p, lastUpdateAt: now };
      await projects.put(tx, next);
      await projectUpdates.add(tx, u);
      return { project: await written(deps, tx, next, user) };
    },
  },

  close: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const p = await staffProject({ tx, user }, input.projectId);
      const photos = await requirePhotos(deps.files, input.photos);
      const now = deps.clock.now();
      const next = decideCloseProject(p, input.report, now);
      await projects.put(tx, next);
      await projectUpdates.add(tx, {
        _id: deps.ids.next('pu'),
        projectId: p._id,
        kind: 'close',
        text: input.report,
        photos,
        authorName: user.name,
        createdAt: now,
      });
      return { project: await written(deps, tx, next, user) };
    },
  },

  donations: {
    auth: 'public',
    async run({ deps, viewer, input, cursors }) {
      const p = await publicProject(deps.db, input.projectId, viewer);
      const page = await pageOf(deps.db, donations, cursors, {
        where: { projectId: p._id },
        field: 'createdAt',
        dir: 'desc',
        valueOf: (d) => d.createdAt,
        cursor: input.cursor,
        scope: `fund.donations:${p._id}`,
      });
      return pageAnswer(page, page.items.map(donationView));
    },
  },

  disbursements: {
    auth: 'public',
    async run({ deps, viewer, input, cursors }) {
      const p = await publicProject(deps.db, input.projectId, viewer);
      const page = await pageOf(deps.db, disbursements, cursors, {
        where: { projectId: p._id },
        field: 'createdAt',
        dir: 'desc',
        valueOf: (d) => d.createdAt,
        cursor: input.cursor,
        scope: `fund.disbursements:${p._id}`,
      });
      return pageAnswer(page, await disbursementViews(deps.files, page.items));
    },
  },

  updates: {
    auth: 'public',
    async run({ deps, viewer, input, cursors }) {
      const p = await publicProject(deps.db, input.projectId, viewer);
      const page = await pageOf(deps.db, projectUpdates, cursors, {
        where: { projectId: p._id },
        field: 'createdAt',
        dir: 'desc',
        valueOf: (u) => u.createdAt,
        cursor: input.cursor,
        scope: `fund.updates:${p._id}`,
      });
      return pageAnswer(page, await updateViews(deps.files, page.items));
    },
  },

  pool: {
    auth: 'public',
    async run({ deps, input, cursors }) {
      const community = await getCommunity(deps.db, input.communityId);
      if (!community) throw new DomainError('COMMUNITY.NOT_FOUND');
      const account = accountIds.pool(community._id);
      // Each gift and each grant is public (DOMAIN.md); the balance is a snapshot plus recent postings.
      const [history, balances] = await Promise.all([historyOf(deps.db, cursors, account, input.cursor), sharedBalances(deps.db, [account], deps.clock.now())]);
      return { communityName: community.name, balanceMinutes: balances.get(account) ?? 0, ...history };
    },
  },

  overview: {
    auth: 'public',
    async run({ deps, viewer, input }) {
      const streetId = input.streetId ?? viewer?.streetId;
      if (!streetId) throw new DomainError('INPUT.INVALID', '请说明是哪个街道', { fields: [{ path: 'streetId', message: '请选择街道' }] });
      const street = await getStreet(deps.db, streetId);
      if (!street) throw new DomainError('NOT_FOUND', '没有找到这个街道');
      const _ = deps.db.command;
      const $ = _.aggregate;
      // A street has tens of projects: counted by status in one aggregate.
      const byStatus = await deps.db
        .collection(projects.name)
        .aggregate()
        .match({ streetId, status: _.neq('draft') })
        .group({ _id: '$status', count: $.sum(1) })
        .end();
      const community = await communitiesOf(deps.db, streetId);
      const channels = Channel.options;
      const ids = [...channels.map((c) => accountIds.donors(streetId, c)), accountIds.payees(streetId), ...community.map((c) => accountIds.pool(c._id))];
      // Every figure is a balance (a snapshot plus recent postings), never a sum over donations.
      const bal = await sharedBalances(deps.db, ids, deps.clock.now());
      const out: FundOverview = {
        streetId,
        streetName: street.name,
        projects: (byStatus.data as Array<{ _id: FundOverview['projects'][number]['status']; count: number }>).map((r) => ({ status: r._id, count: r.count })),
        moneyIn: channels.map((channel) => ({ channel, fen: -(bal.get(accountIds.donors(streetId, channel)) ?? 0) })),
        spentFen: bal.get(accountIds.payees(streetId)) ?? 0,
        pools: community.map((c) => ({ communityId: c._id, communityName: c.name, minutes: bal.get(accountIds.pool(c._id)) ?? 0 })),
      };
      return out;
    },
  },
};
