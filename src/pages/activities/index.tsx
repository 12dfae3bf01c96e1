import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../api/client'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useQuery } from '../../hooks/use-query'
import { timeRange } from '../../utils/format'
import './index.css'

/**
 * Activities of my street: running and upcoming ones soonest first (with sign-up state), past
 * ones latest first on the second tab. Which is which is the server's clock; pages load as
 * the person scrolls.
 */
export default function Activities() {
  const me = useQuery(() => call('account', 'me'))
  const [past, setPast] = useState(false)
  const list = usePagedQuery((cursor) => call('activity', 'list', { when: past ? 'past' : 'upcoming', ...(cursor ? { cursor } : {}) }), [past])
  const roles = me.data?.user.roles.map((r) => r.role) ?? []
  const staff = roles.includes('staff') || roles.includes('admin')
  const items = list.items ?? []
  return (
    <PageShell tab='activities' roles={roles}>
      <View className='acts__actions'>
        <Button className='yq-button' onClick={() => void Taro.navigateTo({ url: '/pages/scan/index' })}>
          扫码签到 / 签退
        </Button>
        {staff ? (
          <Button className='yq-button yq-button--ghost' onClick={() => void Taro.navigateTo({ url: '/pages/activity-create/index' })}>
            发布新活动
          </Button>
        ) : null}
      </View>
      <View className='acts__tabs'>
        <Text className={`acts__tab ${past ? '' : 'acts__tab--on'}`} onClick={() => setPast(false)}>
          即将开始
        </Text>
        <Text className={`acts__tab ${past ? 'acts__tab--on' : ''}`} onClick={() => setPast(true)}>
          已结束
        </Text>
      </View>
      <QueryStates query={list} isEmpty={items.length === 0} emptyText={past ? '还没有结束的活动' : '暂时没有新的活动，过几天再来看看'} />
      {items.map((a) => (
        <View key={a.id} className='yq-card' onClick={() => void Taro.navigateTo({ url: `/pages/activity/index?id=${a.id}` })}>
          <Text className='yq-card__title'>{a.title}</Text>
          <Text className='yq-muted acts__line'>{timeRange(a.startAt, a.endAt)}</Text>
          <Text className='yq-muted acts__line'>
            {a.communityName}
            {a.place ? ` · ${a.place}` : ''}
          </Text>
          <Text className='acts__state'>{a.mine ? '已报名' : a.capacity ? `已报名 ${a.signedUp}/${a.capacity} 人` : `已报名 ${a.signedUp} 人`}</Text>
        </View>
      ))}
      <LoadMore query={list} />
    </PageShell>
  )
}
