import type { Role } from '../contract/common';
import { DomainError } from '../errors';
import { SCOPE_KIND, type Community, type ProxyLink, type ProxyScope, type User } from './identity.model';

/**
 * Who may do what (DOMAIN.md roles table). Deny by default: every check answers "no"
 * unless a grant in the right scope says yes.
 */
export const hasRole = (user: User, role: Role, scope: string): boolean => user.roles.some((g) => g.role === role && g.scope === scope);

export const isStreetAdmin = (user: User, streetId: string): boolean => hasRole(user, 'admin', streetId);

/** Staff of the community, or the admin of its street (who may do everything staff may). */
export const isStaffOf = (user: User, community: Pick<Community, '_id' | 'streetId'>): boolean =>
  hasRole(user, 'staff', community._id) || isStreetAdmin(user, community.streetId);

export function requireStaffOf(user: User, community: Pick<Community, '_id' | 'streetId'>): void {
  if (!isStaffOf(user, community)) throw new DomainError('AUTH.FORBIDDEN', '只有本社区的社工可以进行这项操作');
}

/**
 * Acting for someone else (DOMAIN.md "Managed accounts and proxies"): a proxy with an active
 * link that has the needed scope, or staff of the person's community — and staff only for a
 * managed account (a resident without WeChat). Nobody acts for an ordinary volunteer's
 * wallet, not even staff.
 */
export function authorizeActFor(
  actor: User,
  target: User,
  ctx: { links: ProxyLink[]; targetCommunity: Pick<Community, '_id' | 'streetId'>; scope: ProxyScope },
): void {
  if (actor._id === target._id) return;
  if (target.managed && isStaffOf(actor, ctx.targetCommunity)) return;
  const pair = ctx.links.filter((l) => l.proxyId === actor._id && l.elderId === target._id);
  const active = pair.filter((l) => l.status === 'active');
  if (active.some((l) => l.scopes.includes(ctx.scope))) return;
  // A link that is revoked or still waiting for staff: say so, so the proxy knows what to do.
  if (pair.length > 0 && active.length === 0) throw new DomainError('PROXY.NOT_ACTIVE');
  throw new DomainError('AUTH.FORBIDDEN', '您没有代这位居民操作的权限');
}

/**
 * Granting a role: only the admin of the street the scope belongs to, only to a person of
 * that street, and the scope must be the kind of place the role is for.
 */
export function decideGrant(
  actor: User,
  target: User | null,
  role: Role,
  scope: { kind: 'community' | 'street' | 'merchant'; id: string; streetId: string } | null,
): void {
  if (!target) throw new DomainError('ACCOUNT.NOT_FOUND');
  if (!scope || scope.kind !== SCOPE_KIND[role]) {
    throw new DomainError('INPUT.INVALID', `“${role}”角色的范围必须是一个${{ community: '社区', street: '街道', merchant: '商户' }[SCOPE_KIND[role]]}`, {
      fields: [{ path: 'scope', message: '范围不对' }],
    });
  }
  if (!isStreetAdmin(actor, scope.streetId)) throw new DomainError('AUTH.FORBIDDEN', '只有街道管理员可以授予角色');
  if (target.streetId !== scope.streetId) throw new DomainError('AUTH.FORBIDDEN', '不能给其他街道的用户授予角色');
  if (target.managed && role !== 'resident')
    throw new DomainError('INPUT.INVALID', '代管账户只能是居民', { fields: [{ path: 'role', message: '代管账户只能是居民' }] });
}
