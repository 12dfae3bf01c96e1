import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { PROJECT_STATUS_LABELS, type ProjectStatus } from '@contract'
import { call } from '../../api/client'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { Button, Cell, CellGroup, Segmented, Tag } from '../../components/ui'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useQuery } from '../../hooks/use-query'
import { yuan } from '../../utils/format'

type ViewKey = 'review' | 'active' | 'all' | 'draft'
const EMPTY: Record<ViewKey, string> = {
  review: '没有等管委会评审的微项目',
  active: '还没有在筹款和执行的微项目',
  all: '还没有微项目',
  draft: '本社区没有草稿',
}

/**
 * 社区微项目: what is under review, what is raising and spending, everything; staff also see
 * their community's drafts and write a new proposal. A committee member starts on 评审中.
 */
export default function Projects() {
  const me = useQuery(() => call('account', 'me'))
  const staffOf = me.data?.user.roles.find((r) => r.role === 'staff')?.scope
  const member = me.data?.user.roles.some((r) => r.role === 'committee')
  const [chosen, setChosen] = useState<ViewKey | undefined>(undefined)
  const view: ViewKey = chosen ?? (member ? 'review' : 'active')
  const options = [
    { label: '评审中', value: 'review' },
    { label: '执行中', value: 'active' },
    { label: '全部', value: 'all' },
    ...(staffOf ? [{ label: '草稿', value: 'draft' }] : []),
  ]
  const list = usePagedQuery(
    (cursor) => {
      if (!me.data) return Promise.resolve({ items: [] })
      const filter = view === 'all' ? {} : view === 'draft' ? { communityId: staffOf, status: 'draft' as ProjectStatus } : { status: view as ProjectStatus }
      return call('fund', 'projects', { ...filter, ...(cursor ? { cursor } : {}) })
    },
    [view, !!me.data, staffOf],
  )
  const items = list.items ?? []
  return (
    <PageShell title='社区微项目'>
      <View className='yq-section'>
        <Segmented className='yq-segmented' value={view} options={options} onChange={(v) => setChosen(v as ViewKey)} />
        <View className='yq-actions'>
          <Button block onClick={() => void Taro.navigateTo({ url: '/pages/fund/index' })}>
            社区基金总账和感谢榜
          </Button>
        </View>
        {staffOf ? (
          <View className='yq-actions'>
            <Button block onClick={() => void Taro.navigateTo({ url: '/staff/project-edit/index' })}>
              写微项目申请
            </Button>
          </View>
        ) : null}
      </View>
      <CellGroup>
        {items.map((p) => (
          <Cell
            key={p.id}
            clickable
            onClick={() => void Taro.navigateTo({ url: `/pages/project/index?id=${p.id}` })}
            title={
              <Text className='yq-strong' data-testid='project-item'>
                {p.title}
              </Text>
            }
            description={`${p.communityName} · 目标 ${yuan(p.goalFen)}${p.money ? ` · 已筹 ${yuan(p.money.raisedFen)}` : ''}${p.status === 'review' && p.reviewers !== undefined ? ` · ${p.answered}/${p.reviewers} 位委员已表态` : ''}${p.stale ? ' · 超过 90 天没有公示进展' : ''}`}
            extra={<Tag type={p.status === 'active' ? 'success' : p.status === 'rejected' ? 'danger' : 'primary'}>{PROJECT_STATUS_LABELS[p.status]}</Tag>}
          />
        ))}
      </CellGroup>
      <QueryStates query={list} isEmpty={items.length === 0} emptyText={EMPTY[view]} />
      <LoadMore query={list} />
    </PageShell>
  )
}
