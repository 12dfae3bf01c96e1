import type { CommitteeView } from '../contract/fund';
import { DomainError } from '../errors';
import type { User } from '../identity/identity.model';
import { communities, users } from '../identity/identity.repository';
import { isStreetAdmin } from '../identity/identity.rules';
import type { Impls } from '../shell';
import { moneyActions } from './money.actions';
import { projectActions } from './project.actions';
import { approvalsNeeded, committeeRules, DEFAULT_QUORUM, isMemberOf, membersOf, type CommitteeRule } from './committee';

function committeeView(members: User[], rule: CommitteeRule | null, communityNames: Map<string, { name: string }>): CommitteeView {
  const quorum = rule?.quorum ?? DEFAULT_QUORUM;
  return {
    members: [...members]
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
      .map((m) => ({ id: m._id, name: m.name, communityName: communityNames.get(m.communityId)?.name ?? '' })),
    quorum,
    approvalsNeeded: approvalsNeeded(members.length, quorum),
    ...(rule ? { updatedAt: rule.updatedAt.toISOString() } : {}),
  };
}

/**
 * The community fund (DOMAIN.md "Community fund"): the committee, named by the street admin
 * with its quorum rule; micro-projects and their review (project.actions.ts); raising and
 * spending (money.actions.ts).
 */
export const fundActions: Impls<'fund'> = {
  ...projectActions,
  ...moneyActions,
  committee: {
    auth: 'registered',
    async run({ deps, user }) {
      const [members, rule] = await Promise.all([membersOf(deps.db, user.streetId), committeeRules.get(deps.db, user.streetId)]);
      const names = await communities.getMany(
        deps.db,
        members.map((m) => m.communityId),
      );
      return committeeView(members, rule, names);
    },
  },

  setCommittee: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      if (!isStreetAdmin(user, user.streetId)) throw new DomainError('AUTH.FORBIDDEN', '只有街道管理员可以设定管委会');
      const streetId = user.streetId;
      const chosen: User[] = [];
      for (const id of input.memberIds) {
        const person = await users.get(tx, id);
        // Someone of another street does not exist for this admin; an account without WeChat cannot vote.
        if (!person || person.streetId !== streetId) throw new DomainError('ACCOUNT.NOT_FOUND', '有人不是本街道的用户，请重新选择');
        if (person.managed) throw new DomainError('INPUT.INVALID', `${person.name}是代管账户（没有微信），不能当委员`);
        chosen.push(person);
      }
      const keep = new Set(input.memberIds);
      const grant = { role: 'committee' as const, scope: streetId };
      for (const person of chosen) {
        if (!isMemberOf(person, streetId)) await users.patch(tx, person._id, { roles: [...person.roles, grant] });
      }
      for (const former of await membersOf(deps.db, streetId)) {
        if (keep.has(former._id)) continue;
        const now = await users.get(tx, former._id);
        if (now) await users.patch(tx, now._id, { roles: now.roles.filter((g) => !(g.role === 'committee' && g.scope === streetId)) });
      }
      const prior = await committeeRules.get(tx, streetId);
      const rule: CommitteeRule = { _id: streetId, quorum: input.quorum ?? prior?.quorum ?? DEFAULT_QUORUM, updatedAt: deps.clock.now(), updatedBy: user._id };
      await committeeRules.put(tx, rule);
      // The answer is what was written: read in the transaction, a community at a time (nine at most).
      const names = new Map<string, { name: string }>();
      for (const id of new Set(chosen.map((m) => m.communityId))) {
        const c = await communities.get(tx, id);
        if (c) names.set(id, c);
      }
      return committeeView(chosen, rule, names);
    },
  },
};
