import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'
import { clearDevToken } from '../../api/session'

export function SwitchUser() {
  return (
    <Button
      className='yq-button yq-button--ghost'
      onClick={() => {
        clearDevToken()
        void Taro.reLaunch({ url: '/pages/dev-login/index' })
      }}
    >
      切换演示用户
    </Button>
  )
}
