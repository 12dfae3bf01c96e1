import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'

/** A cell's title with its icon in front (NutUI's Cell takes a node as title). */
export function IconTitle({ icon, text }: { icon: ReactNode; text: string }) {
  return (
    <View className='yq-icon-title'>
      {icon}
      <Text>{text}</Text>
    </View>
  )
}
