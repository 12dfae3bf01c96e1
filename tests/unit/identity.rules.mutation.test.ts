import { outcome as refused } from '../support/domain';
import type { ProxyLink } from '../../cloudfunctions/core/identity/identity.model';
import { buildUser as user, communityA, managedElder as elder, proxyLink as link } from '../support/rule-fixtures';
import { authorizeActFor, decideGrant, isStaffOf, requireStaffOf } from '../../cloudfunctions/core/identity/identity.rules';

/**
 * The identity rules' edges that identity.rules.test.ts leaves open, found by mutation testing
 * (docs/mutation.md): each test names the wrong rule it catches.
 */
const admin = user('admin', [{ role: 'admin', scope: 's-1' }]);
const resident = user('t', [{ role: 'resident', scope: 'c-a' }]);

describe('staff of a community', () => {
  it('a person with several roles is staff where one of them says so', () => {
    const volunteerAndStaff = user('s', [
      { role: 'volunteer', scope: 'c-a' },
      { role: 'staff', scope: 'c-a' },
    ]);
    expect(isStaffOf(volunteerAndStaff, communityA)).toBe(true);
    expect(refused(() => requireStaffOf(volunteerAndStaff, communityA))).toBe('allowed');
  });
  it("the street's admin passes as staff; staff of another community, or a volunteer, are told only this community's staff may", () => {
    expect(refused(() => requireStaffOf(admin, communityA))).toBe('allowed');
    const refusal = { code: 'AUTH.FORBIDDEN', message: '只有本社区的社工可以进行这项操作' };
    expect(refused(() => requireStaffOf(user('s2', [{ role: 'staff', scope: 'c-b' }]), communityA))).toEqual(refusal);
    expect(refused(() => requireStaffOf(user('v', [{ role: 'volunteer', scope: 'c-a' }]), communityA))).toEqual(refusal);
  });
});

describe('acting for someone', () => {
  const ctx = (links: ProxyLink[]) => ({ links, targetCommunity: communityA, scope: 'wallet' as const });
  it('anyone may act for themselves, with no link and no role', () => {
    expect(refused(() => authorizeActFor(resident, resident, ctx([])))).toBe('allowed');
  });
  it("another proxy's link to the elder is not enough, and the refusal says so", () => {
    expect(refused(() => authorizeActFor(user('q', []), elder, ctx([link()])))).toEqual({ code: 'AUTH.FORBIDDEN', message: '您没有代这位居民操作的权限' });
  });
});

describe('granting roles', () => {
  const community = { kind: 'community' as const, id: 'c-a', streetId: 's-1' };
  const street = { kind: 'street' as const, id: 's-1', streetId: 's-1' };
  const shop = { kind: 'merchant' as const, id: 'm-1', streetId: 's-1' };

  it('each role takes the kind of place it is for', () => {
    expect(refused(() => decideGrant(admin, resident, 'volunteer', community))).toBe('allowed');
    expect(refused(() => decideGrant(admin, resident, 'admin', street))).toBe('allowed');
    expect(refused(() => decideGrant(admin, resident, 'merchant', shop))).toBe('allowed');
  });
  it('a scope of the wrong kind says which kind the role needs, under the scope field', () => {
    const wrong = (role: Parameters<typeof decideGrant>[2], scope: Parameters<typeof decideGrant>[3]) =>
      refused(() => decideGrant(admin, resident, role, scope));
    const details = { fields: [{ path: 'scope', message: '范围不对' }] };
    expect(wrong('staff', street)).toEqual({ code: 'INPUT.INVALID', message: '“staff”角色的范围必须是一个社区', details });
    expect(wrong('committee', community)).toEqual({ code: 'INPUT.INVALID', message: '“committee”角色的范围必须是一个街道', details });
    expect(wrong('merchant', community)).toEqual({ code: 'INPUT.INVALID', message: '“merchant”角色的范围必须是一个商户', details });
  });
  it('who may not grant, and to whom, is said plainly', () => {
    expect(refused(() => decideGrant(user('s', [{ role: 'staff', scope: 'c-a' }]), resident, 'volunteer', community))).toEqual({
      code: 'AUTH.FORBIDDEN',
      message: '只有街道管理员可以授予角色',
    });
    expect(refused(() => decideGrant(admin, user('x', [], { streetId: 's-2' }), 'volunteer', community))).toEqual({
      code: 'AUTH.FORBIDDEN',
      message: '不能给其他街道的用户授予角色',
    });
  });
  it('a managed account may be made a resident, and nothing else, which the role field says', () => {
    expect(refused(() => decideGrant(admin, elder, 'resident', community))).toBe('allowed');
    expect(refused(() => decideGrant(admin, elder, 'volunteer', community))).toEqual({
      code: 'INPUT.INVALID',
      message: '代管账户只能是居民',
      details: { fields: [{ path: 'role', message: '代管账户只能是居民' }] },
    });
  });
});
