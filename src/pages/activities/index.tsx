import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../api/client'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { Button, Cell, CellGroup, Edit, Scan, Segmented, Tag } from '../../components/ui'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useQuery } from '../../hooks/use-query'
import { timeRange } from '../../utils/format'

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
    <PageShell tab='activities' roles={roles} title='志愿活动'>
      <View className='yq-section'>
        <Button type='primary' size='large' block icon={<Scan />} onClick={() => void Taro.navigateTo({ url: '/pages/scan/index' })}>
          扫码签到 / 签退
        </Button>
        {staff ? (
          <View className='yq-actions'>
            <Button block icon={<Edit />} onClick={() => void Taro.navigateTo({ url: '/staff/activity-create/index' })}>
              发布新活动
            </Button>
          </View>
        ) : null}
      </View>
      <Segmented
        className='yq-segmented'
        value={past ? 'past' : 'upcoming'}
        options={[
          { label: '即将开始', value: 'upcoming' },
          { label: '已结束', value: 'past' },
        ]}
        onChange={(v) => setPast(v === 'past')}
      />
      <CellGroup>
        {items.map((a) => (
          <Cell
            key={a.id}
            clickable
            title={
              <Text className='yq-strong' data-testid='activity-item'>
                {a.title}
              </Text>
            }
            description={
              <View>
                <Text className='yq-muted'>{timeRange(a.startAt, a.endAt)}</Text>
                <Text className='yq-muted'>
                  {a.communityName}
                  {a.place ? ` · ${a.place}` : ''}
                </Text>
              </View>
            }
            extra={
              a.mine ? (
                <Tag type='success'>已报名</Tag>
              ) : (
                <Text className='yq-muted'>{a.capacity ? `${a.signedUp}/${a.capacity} 人` : `${a.signedUp} 人报名`}</Text>
              )
            }
            onClick={() => void Taro.navigateTo({ url: `/pages/activity/index?id=${a.id}` })}
          />
        ))}
      </CellGroup>
      <QueryStates query={list} isEmpty={items.length === 0} emptyText={past ? '还没有结束的活动' : '暂时没有新的活动，过几天再来看看'} />
      <LoadMore query={list} />
    </PageShell>
  )
}
