import { View } from '@tarojs/components'
import { useEffect, type PropsWithChildren } from 'react'
import { useElderMode } from '../../hooks/use-elder-mode'
import { TabBar, type TabKey } from '../tab-bar'
import { TopBar } from '../top-bar'

/**
 * Every screen sits in a PageShell: the theme (app.css `.yq-page`), 长辈模式 (`.yq-elder`),
 * WeChat's own font size as one CSS variable every size is written against, a title bar with
 * a back button on H5 (WeChat draws its own), and the tab bar on top-level screens.
 */
export function PageShell({ children, tab, roles, title }: PropsWithChildren<{ tab?: TabKey; roles?: string[]; title: string }>) {
  const { elder, fontScale } = useElderMode()
  useEffect(() => {
    // H5 only: Taro's router scrolls each page inside its own element (.taro_page), and a page
    // of cells has nothing a keyboard can focus, so it could not be scrolled without a mouse
    // (WCAG 2.1.1; axe's scrollable-region-focusable). Making the page focusable fixes that.
    if (process.env.TARO_ENV !== 'h5') return
    document.querySelectorAll('.taro_page:not([tabindex])').forEach((p) => p.setAttribute('tabindex', '0'))
  }, [])
  return (
    <View className={`yq-page ${elder ? 'yq-elder' : ''}`} style={{ '--yq-font-scale': String(fontScale) } as Record<string, string>}>
      <TopBar title={title} topLevel={!!tab} />
      <View className={`yq-page__body ${tab ? 'yq-page__body--tabs' : ''}`}>{children}</View>
      {tab ? <TabBar current={tab} roles={roles ?? []} /> : null}
    </View>
  )
}
