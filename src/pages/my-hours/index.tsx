import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { call } from '../../api/client'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { Cell, CellGroup, Tag } from '../../components/ui'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { coins, creditExplained, FLAG_LABEL, serviceSpan, STATUS_LABEL } from '../../utils/format'

const TAG_TYPE: Record<string, 'default' | 'primary' | 'success' | 'danger' | 'warning'> = {
  open: 'warning',
  pending: 'primary',
  approved: 'success',
  rejected: 'danger',
}

/**
 * Every check-in of mine (or, with `?forUserId=&name=`, of an elder I hold), its status, how its
 * minutes became coins, and why one was turned down.
 */
export default function MyHours() {
  const { forUserId, name } = useRouter().params
  const mine = usePagedQuery((cursor) => call('hours', 'mine', { ...(forUserId ? { forUserId } : {}), ...(cursor ? { cursor } : {}) }), [forUserId])
  const items = mine.items ?? []
  return (
    <PageShell title={forUserId ? `${decodeURIComponent(name ?? '长者')}的服务时长` : '我的服务时长'}>
      <View className='yq-section'>
        <Text className='yq-muted'>计时规则：只算活动时间内的部分，每满 15 分钟计一次，不满 15 分钟的零头不计；60 分钟是 1 时间币。</Text>
      </View>
      <CellGroup>
        {items.map((i) => {
          const how = creditExplained(i)
          return (
            <Cell
              key={i.id}
              title={<Text className='yq-strong'>{i.activityTitle}</Text>}
              description={
                <View>
                  <Text className='yq-muted'>{serviceSpan(i.checkInAt, i.checkOutAt)}</Text>
                  {how ? <Text className='yq-muted'>{how}</Text> : null}
                  {i.flags.map((f) => (
                    <Text key={f} className='yq-muted'>
                      {FLAG_LABEL[f] ?? f}
                    </Text>
                  ))}
                  {i.rejectReason ? <Text className='yq-error'>原因：{i.rejectReason}</Text> : null}
                </View>
              }
              extra={
                <View className='yq-extra' data-testid={`hours-status-${i.activityId}`}>
                  <Tag type={TAG_TYPE[i.status] ?? 'default'}>{STATUS_LABEL[i.status]}</Tag>
                  {i.status !== 'rejected' && i.creditedMinutes !== undefined ? <Text className='yq-strong'> {coins(i.creditedMinutes)} 时间币</Text> : null}
                </View>
              }
            />
          )
        })}
      </CellGroup>
      <QueryStates query={mine} isEmpty={items.length === 0} emptyText='还没有服务记录。到活动现场扫码签到就会出现在这里。' />
      <LoadMore query={mine} />
    </PageShell>
  )
}
