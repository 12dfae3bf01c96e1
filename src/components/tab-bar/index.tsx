import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { tabsFor, type TabKey } from './tabs'
import './index.css'

export type { TabKey }

export function TabBar({ current, roles }: { current: TabKey; roles: string[] }) {
  return (
    <View className='yq-tabbar'>
      {tabsFor(roles).map((t) => (
        <View
          key={t.key}
          className={`yq-tabbar__item ${t.key === current ? 'yq-tabbar__item--on' : ''}`}
          onClick={() => t.key !== current && void Taro.reLaunch({ url: t.url })}
        >
          <Text>{t.label}</Text>
        </View>
      ))}
    </View>
  )
}
