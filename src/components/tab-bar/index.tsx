import Taro from '@tarojs/taro'
import { Tabbar } from '../ui'
import { tabsFor, TAB_ICONS, type TabKey } from './tabs'

export type { TabKey }

/** The tab bar of a top-level screen: NutUI's Tabbar with an icon and a label per tab. */
export function TabBar({ current, roles }: { current: TabKey; roles: string[] }) {
  const tabs = tabsFor(roles)
  const index = tabs.findIndex((t) => t.key === current)
  return (
    <Tabbar
      className='yq-tabbar'
      fixed
      safeArea
      value={index}
      onSwitch={(i) => {
        const to = tabs[i]
        if (to && to.key !== current) void Taro.reLaunch({ url: to.url })
      }}
    >
      {tabs.map((t) => {
        const Icon = TAB_ICONS[t.key]
        return <Tabbar.Item key={t.key} title={t.label} icon={<Icon />} className='yq-tabbar__item' data-testid={`tab-${t.key}`} />
      })}
    </Tabbar>
  )
}
