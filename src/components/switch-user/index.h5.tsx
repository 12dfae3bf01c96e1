import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { clearDevToken } from '../../api/session'
import { Button } from '../ui'

export function SwitchUser() {
  return (
    <View className='yq-actions'>
      <Button
        block
        onClick={() => {
          clearDevToken()
          void Taro.reLaunch({ url: '/pages/dev-login/index' })
        }}
      >
        切换演示用户
      </Button>
    </View>
  )
}
