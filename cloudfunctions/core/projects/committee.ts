import { z } from 'zod';
import { Quorum } from '../contract/fund';
import type { Database } from '../db/app';
import { DateField, defineCollection } from '../db/collection';
import type { User } from '../identity/identity.model';
import { USERS, users } from '../identity/identity.repository';

/**
 * The fund's committee (管委会, DOMAIN.md "Community fund"). Its members are the people of the
 * street holding the `committee` role for it, so there is one record of who is a member;
 * this document keeps the street's quorum rule.
 */
export interface CommitteeRule {
  _id: string; // the street
  quorum: Quorum;
  updatedAt: Date;
  updatedBy: string;
}

export const committeeRules = defineCollection<CommitteeRule>(
  'committees',
  z.object({ _id: z.string(), quorum: Quorum, updatedAt: DateField, updatedBy: z.string() }),
);

/** The default until the admin chooses (DOMAIN.md): more than half of the counted members. */
export const DEFAULT_QUORUM: Quorum = 'majority';

/** How many approvals a decision needs among `counted` members (the recused do not count). */
export function approvalsNeeded(counted: number, quorum: Quorum): number {
  switch (quorum) {
    case 'majority':
      return Math.floor(counted / 2) + 1;
    case 'two-thirds':
      return Math.ceil((2 * counted) / 3);
    case 'all':
      return counted;
  }
}

export const isMemberOf = (user: User, streetId: string): boolean => user.roles.some((g) => g.role === 'committee' && g.scope === streetId);

/** The committee's members (at most 30; a street's admins share the scope): one query, outside any transaction. */
export async function membersOf(db: Database, streetId: string): Promise<User[]> {
  const res = await db.collection(USERS).where({ 'roles.scope': streetId, 'roles.role': 'committee' }).limit(100).get();
  return (res.data as unknown[]).map(users.toDomain).filter((u) => isMemberOf(u, streetId));
}
