import { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { Empty, LoadMore, QueryStates } from '../../components/states'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins, shortTime, STATUS_LABEL } from '../../utils/format'

/** Who is in and out; staff check people in or out by hand (for someone with no phone). */
export default function Attendees() {
  const id = useRouter().params.id ?? ''
  // Signed up but not in (the first 50), then who came, a page at a time.
  const missing = useQuery(() => call('checkin', 'attendees', { activityId: id }), [id])
  const list = usePagedQuery((cursor) => call('checkin', 'attendees', { activityId: id, ...(cursor ? { cursor } : {}) }), [id])
  const manual = useAction((requestId, userId: string, kind: 'in' | 'out') => call('checkin', 'manual', { activityId: id, userId, kind }, { requestId }), {
    successToast: '已记录',
  })
  const act = async (userId: string, kind: 'in' | 'out') => {
    if (await manual.run(userId, kind)) {
      void list.reload()
      void missing.reload()
    }
  }
  return (
    <PageShell>
      <QueryStates query={list} />
      <FieldError message={manual.error} />
      {list.items && list.items.length === 0 && missing.data?.notCheckedIn.length === 0 ? <Empty text='还没有人签到' /> : null}
      {(missing.data?.notCheckedIn ?? []).map((p) => (
        <View key={p.userId} className='yq-card'>
          <Text className='yq-card__title'>{p.userName}</Text>
          <Text className='yq-muted'>已报名，还没签到</Text>
          <Button className='yq-button yq-button--ghost' disabled={manual.busy} onClick={() => act(p.userId, 'in')}>
            手工签到
          </Button>
        </View>
      ))}
      {(list.items ?? []).map((i) => (
        <View key={i.id} className='yq-card'>
          <Text className='yq-card__title'>{i.userName}</Text>
          <Text className='yq-muted' style={{ display: 'block' }}>
            签到 {shortTime(i.checkInAt)}
            {i.checkOutAt ? ` · 签退 ${shortTime(i.checkOutAt)}` : ''}
            {i.method === 'manual' ? ' · 手工' : i.method === 'proxy' ? ' · 代持人代扫' : ''}
          </Text>
          <Text style={{ display: 'block' }}>
            {STATUS_LABEL[i.status]}
            {i.creditedMinutes !== undefined ? ` · ${coins(i.creditedMinutes)} 时间币` : ''}
          </Text>
          {i.status === 'open' ? (
            <Button className='yq-button yq-button--ghost' disabled={manual.busy} onClick={() => act(i.userId, 'out')}>
              手工签退
            </Button>
          ) : null}
        </View>
      ))}
      <LoadMore query={list} />
    </PageShell>
  )
}
