/**
 * The tab bar per role, each tab with its icon: 首页 (工作台 for staff, 店铺 for merchants),
 * 活动 for volunteers and staff, 求助 for volunteers, 审核 for staff, 兑换 for volunteers, 核销
 * for merchants, 商户 for the street admin, and 我的.
 */
import type { ComponentType } from 'react'
import { Category, Check, Gift, Home, Scan, Service, Store, User } from '../ui'

export type TabKey = 'home' | 'activities' | 'help' | 'approvals' | 'offers' | 'counter' | 'merchants' | 'me'

export interface Tab {
  key: TabKey
  label: string
  url: string
}

export function tabsFor(roles: string[]): Tab[] {
  const staff = roles.includes('staff') || roles.includes('admin')
  const merchant = roles.includes('merchant')
  const homeLabel = staff ? '工作台' : merchant ? '店铺' : '首页'
  const volunteer = roles.includes('volunteer')
  return [
    { key: 'home', label: homeLabel, url: '/pages/home/index' },
    ...(staff || volunteer ? [{ key: 'activities' as const, label: '活动', url: '/pages/activities/index' }] : []),
    ...(volunteer && !staff ? [{ key: 'help' as const, label: '求助', url: '/pages/help-list/index' }] : []),
    ...(staff ? [{ key: 'approvals' as const, label: '审核', url: '/staff/approvals/index' }] : []),
    ...(volunteer && !staff ? [{ key: 'offers' as const, label: '兑换', url: '/pages/offers/index' }] : []),
    ...(merchant ? [{ key: 'counter' as const, label: '核销', url: '/shop/counter/index' }] : []),
    ...(roles.includes('admin') ? [{ key: 'merchants' as const, label: '商户', url: '/admin/merchants/index' }] : []),
    { key: 'me', label: '我的', url: '/pages/me/index' },
  ]
}

export const TAB_ICONS: Record<TabKey, ComponentType> = {
  home: Home,
  activities: Category,
  help: Service,
  approvals: Check,
  offers: Gift,
  counter: Scan,
  merchants: Store,
  me: User,
}
