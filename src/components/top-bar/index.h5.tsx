import Taro from '@tarojs/taro'
import { ArrowLeft, NavBar } from '../ui'

/**
 * H5 has no WeChat title bar: NutUI's NavBar shows the screen's title and, on a secondary
 * screen, a back button (back in history, or to the first screen when opened directly).
 */
export function TopBar({ title, topLevel }: { title: string; topLevel: boolean }) {
  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.reLaunch({ url: '/pages/home/index' })
  }
  return (
    <NavBar
      className='yq-topbar'
      fixed
      placeholder
      back={
        topLevel ? undefined : (
          <span className='yq-topbar__back yq-tap' data-testid='back'>
            <ArrowLeft />
            返回
          </span>
        )
      }
      onBackClick={back}
      title={<span className='yq-topbar__title'>{title}</span>}
    />
  )
}
