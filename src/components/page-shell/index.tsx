import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { useElderMode } from '../../hooks/use-elder-mode'
import { TabBar, type TabKey } from '../tab-bar'
import './index.css'

/**
 * Every screen sits in a PageShell: it applies the text scale (WeChat's font size × 长辈模式)
 * through one CSS variable that every size in the app is expressed against, and shows the
 * tab bar on top-level screens.
 */
export function PageShell({ children, tab, roles }: PropsWithChildren<{ tab?: TabKey; roles?: string[] }>) {
  const { elder, scale } = useElderMode()
  return (
    <View className={`yq-page ${elder ? 'yq-elder' : ''}`} style={{ '--yq-scale': String(scale) } as Record<string, string>}>
      <View className='yq-page__body'>{children}</View>
      {tab ? <TabBar current={tab} roles={roles ?? []} /> : null}
    </View>
  )
}
