/**
 * The tab bar per role. Each role gets the screens that exist for it; later work adds its
 * tabs here (activities for volunteers, approvals for staff, redemption for merchants).
 */
export type TabKey = 'home' | 'me'

export interface Tab {
  key: TabKey
  label: string
  url: string
}

export function tabsFor(roles: string[]): Tab[] {
  const staff = roles.includes('staff') || roles.includes('admin')
  const merchant = roles.includes('merchant')
  const homeLabel = staff ? '工作台' : merchant ? '店铺' : '首页'
  return [
    { key: 'home', label: homeLabel, url: '/pages/home/index' },
    { key: 'me', label: '我的', url: '/pages/me/index' },
  ]
}
