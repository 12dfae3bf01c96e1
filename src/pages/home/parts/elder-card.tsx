import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { call } from '../../../api/client'
import { Button, Cell, CellGroup } from '../../../components/ui'
import { useQuery } from '../../../hooks/use-query'
import { coins } from '../../../utils/format'

/**
 * One elder a proxy holds: balance and open requests at a glance, and one big 帮TA求助 (large
 * but not the screen's one primary button: a proxy may hold several elders).
 */
export function HeldElder({ id, name, canHelp }: { id: string; name: string; canHelp: boolean }) {
  const q = useQuery(() => call('account', 'elder', { userId: id }), [id])
  const d = q.data
  return (
    <View className='yq-section' data-testid={`held-${id}`}>
      <Text className='yq-section__title'>{name}</Text>
      {canHelp ? (
        <Button size='large' block onClick={() => void Taro.navigateTo({ url: `/pages/help-post/index?for=${id}` })}>
          帮TA求助
        </Button>
      ) : null}
      <CellGroup>
        <Cell
          title={`${name}的页面`}
          description={d ? `${d.balanceMinutes !== undefined ? `${coins(d.balanceMinutes)} 时间币 · ` : ''}进行中的求助 ${d.openHelps} 条` : '正在加载…'}
          clickable
          onClick={() => void Taro.navigateTo({ url: `/pages/elder/index?id=${id}` })}
        />
      </CellGroup>
    </View>
  )
}
