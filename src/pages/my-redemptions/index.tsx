import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { call } from '../../api/client'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { coins, shortTime } from '../../utils/format'

const STATUS: Record<string, string> = { open: '待使用', used: '已兑换', cancelled: '已取消', expired: '已过期（未扣币）' }

export default function MyRedemptions() {
  const forUserId = useRouter().params.forUserId
  const list = usePagedQuery((cursor) => call('redeem', 'mine', { ...(forUserId ? { forUserId } : {}), ...(cursor ? { cursor } : {}) }), [forUserId])
  return (
    <PageShell>
      <QueryStates query={list} isEmpty={list.items?.length === 0} emptyText='还没有兑换记录' />
      {(list.items ?? []).map((r) => (
        <View key={r.code} className='yq-card'>
          <Text className='yq-card__title'>{r.offerTitle}</Text>
          <Text className='yq-muted' style={{ display: 'block' }}>
            {r.merchantName}
          </Text>
          <Text style={{ display: 'block' }}>
            {STATUS[r.status]} · {coins(r.priceMinutes)} 时间币{r.usedAt ? ` · ${shortTime(r.usedAt)}` : ''}
          </Text>
        </View>
      ))}
      <LoadMore query={list} />
    </PageShell>
  )
}
