import { View, Text } from '@tarojs/components'
import { call } from '../../api/client'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { coins, FLAG_LABEL, shortTime, STATUS_LABEL } from '../../utils/format'

/** Every check-in of mine, its status, what it credits, and why one was turned down. */
export default function MyHours() {
  const mine = usePagedQuery((cursor) => call('hours', 'mine', cursor ? { cursor } : {}))
  return (
    <PageShell>
      <QueryStates query={mine} isEmpty={mine.items?.length === 0} emptyText='还没有服务记录。到活动现场扫码签到就会出现在这里。' />
      {(mine.items ?? []).map((i) => (
        <View key={i.id} className='yq-card'>
          <Text className='yq-card__title'>{i.activityTitle}</Text>
          <Text className='yq-muted' style={{ display: 'block' }}>
            {shortTime(i.checkInAt)}
            {i.checkOutAt ? ` – ${shortTime(i.checkOutAt)}` : ''}
          </Text>
          <Text style={{ display: 'block', fontWeight: 'bold' }} data-testid={`hours-status-${i.activityId}`}>
            {STATUS_LABEL[i.status]}
            {i.creditedMinutes !== undefined ? ` · ${coins(i.creditedMinutes)} 时间币` : ''}
          </Text>
          {i.flags.map((f) => (
            <Text key={f} className='yq-muted' style={{ display: 'block' }}>
              {FLAG_LABEL[f] ?? f}
            </Text>
          ))}
          {i.rejectReason ? <Text className='yq-field-error'>原因：{i.rejectReason}</Text> : null}
        </View>
      ))}
      <LoadMore query={mine} />
    </PageShell>
  )
}
