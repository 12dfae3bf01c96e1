import { View, Text } from '@tarojs/components'
import './index.css'

// Placeholder home page until the real screens land.
export default function Index() {
  return (
    <View className='index'>
      <Text className='index__title'>益圈 · 社区时间银行</Text>
      <Text className='index__subtitle'>本地开发版：后端与数据库模拟器已就绪</Text>
    </View>
  )
}
