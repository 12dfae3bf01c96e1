import Taro, { useReady } from '@tarojs/taro'

/** WeChat draws the title bar and its back button; the screen only names itself. */
export function TopBar({ title }: { title: string; topLevel: boolean }) {
  useReady(() => void Taro.setNavigationBarTitle({ title }))
  return null
}
