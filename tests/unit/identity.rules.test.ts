import { refusal as codeOf } from '../support/domain';
import type { ProxyLink } from '../../cloudfunctions/core/identity/identity.model';
import { buildUser as user, communityA, managedElder as elder, proxyLink as link } from '../support/rule-fixtures';
import { authorizeActFor, decideGrant, isStaffOf } from '../../cloudfunctions/core/identity/identity.rules';

describe('acting for an elder (deny by default)', () => {
  const proxy = user('p', [{ role: 'volunteer', scope: 'c-a' }]);
  const ctx = (links: ProxyLink[]) => ({ links, targetCommunity: communityA, scope: 'wallet' as const });

  it('given an active link with the scope, the proxy may act', () => {
    expect(codeOf(() => authorizeActFor(proxy, elder, ctx([link()])))).toBe('allowed');
  });
  it('a link still waiting for staff, or revoked, says so (PROXY.NOT_ACTIVE); a link without the scope or to someone else is not enough', () => {
    expect(codeOf(() => authorizeActFor(proxy, elder, ctx([link({ status: 'requested' })])))).toBe('PROXY.NOT_ACTIVE');
    expect(codeOf(() => authorizeActFor(proxy, elder, ctx([link({ status: 'revoked' })])))).toBe('PROXY.NOT_ACTIVE');
    expect(codeOf(() => authorizeActFor(proxy, elder, ctx([link({ status: 'revoked' }), link({ _id: 'l2' })])))).toBe('allowed');
    expect(codeOf(() => authorizeActFor(proxy, elder, ctx([link({ scopes: ['help'] })])))).toBe('AUTH.FORBIDDEN');
    expect(codeOf(() => authorizeActFor(proxy, elder, ctx([link({ elderId: 'other' })])))).toBe('AUTH.FORBIDDEN');
    expect(codeOf(() => authorizeActFor(proxy, elder, ctx([])))).toBe('AUTH.FORBIDDEN');
  });
  it("staff of the elder's community and the street admin may; staff of another community may not", () => {
    expect(codeOf(() => authorizeActFor(user('s', [{ role: 'staff', scope: 'c-a' }]), elder, ctx([])))).toBe('allowed');
    expect(codeOf(() => authorizeActFor(user('a', [{ role: 'admin', scope: 's-1' }]), elder, ctx([])))).toBe('allowed');
    expect(codeOf(() => authorizeActFor(user('s2', [{ role: 'staff', scope: 'c-b' }]), elder, ctx([])))).toBe('AUTH.FORBIDDEN');
    expect(codeOf(() => authorizeActFor(user('a2', [{ role: 'admin', scope: 's-2' }]), elder, ctx([])))).toBe('AUTH.FORBIDDEN');
  });
  it("a committee member or a merchant has no say over someone else's wallet", () => {
    expect(isStaffOf(user('c', [{ role: 'committee', scope: 's-1' }]), communityA)).toBe(false);
    expect(codeOf(() => authorizeActFor(user('m', [{ role: 'merchant', scope: 'm-1' }]), elder, ctx([])))).toBe('AUTH.FORBIDDEN');
  });
});

describe('granting roles', () => {
  const admin = user('admin', [{ role: 'admin', scope: 's-1' }]);
  const target = user('t', [{ role: 'resident', scope: 'c-a' }]);
  const community = { kind: 'community' as const, id: 'c-a', streetId: 's-1' };

  it('the street admin may grant a role in a place of their street', () => {
    expect(codeOf(() => decideGrant(admin, target, 'staff', community))).toBe('allowed');
    expect(codeOf(() => decideGrant(admin, target, 'committee', { kind: 'street', id: 's-1', streetId: 's-1' }))).toBe('allowed');
  });
  it('nobody else may, not even staff; nor an admin of another street, nor to a person of another street', () => {
    expect(codeOf(() => decideGrant(user('s', [{ role: 'staff', scope: 'c-a' }]), target, 'volunteer', community))).toBe('AUTH.FORBIDDEN');
    expect(codeOf(() => decideGrant(user('a2', [{ role: 'admin', scope: 's-2' }]), target, 'staff', community))).toBe('AUTH.FORBIDDEN');
    expect(codeOf(() => decideGrant(admin, user('x', [], { streetId: 's-2' }), 'staff', community))).toBe('AUTH.FORBIDDEN');
  });
  it('the scope must be the kind of place the role is for, the person must exist, and a managed account stays a resident', () => {
    expect(codeOf(() => decideGrant(admin, target, 'staff', { kind: 'street', id: 's-1', streetId: 's-1' }))).toBe('INPUT.INVALID');
    expect(codeOf(() => decideGrant(admin, target, 'merchant', community))).toBe('INPUT.INVALID');
    expect(codeOf(() => decideGrant(admin, target, 'staff', null))).toBe('INPUT.INVALID');
    expect(codeOf(() => decideGrant(admin, null, 'staff', community))).toBe('ACCOUNT.NOT_FOUND');
    expect(codeOf(() => decideGrant(admin, elder, 'volunteer', community))).toBe('INPUT.INVALID');
  });
});
