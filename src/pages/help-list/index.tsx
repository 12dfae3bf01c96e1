import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../api/client'
import { HelpItem } from '../../components/help-item'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { Button, CellGroup, Segmented } from '../../components/ui'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useQuery } from '../../hooks/use-query'

type View3 = 'open' | 'mine' | 'asked' | 'disputed' | 'community'
const EMPTY: Record<View3, string> = {
  open: '附近暂时没有等人帮忙的求助',
  mine: '您还没有接过求助',
  asked: '您还没有发过求助',
  disputed: '没有等社工处理的争议',
  community: '本社区还没有求助',
}
const PEOPLE_VIEWS = [
  { label: '附近求助', value: 'open' },
  { label: '我接的', value: 'mine' },
  { label: '我发的', value: 'asked' },
]
/** Staff see their community's requests: the disputes waiting for them first. */
const STAFF_VIEWS = [
  { label: '待处理争议', value: 'disputed' },
  { label: '本社区全部', value: 'community' },
  { label: '附近求助', value: 'open' },
]

/** 求助: open requests nearby (my community first, then the street), the ones I took, the ones I asked. */
export default function HelpList() {
  const me = useQuery(() => call('account', 'me'))
  const roles = me.data?.user.roles.map((r) => r.role) ?? []
  const staffOf = me.data?.user.roles.find((r) => r.role === 'staff')?.scope
  const volunteer = roles.includes('volunteer')
  // A tab for volunteers; staff and residents who do not volunteer come here from home.
  const views = staffOf ? STAFF_VIEWS : volunteer ? PEOPLE_VIEWS : undefined
  const [chosen, setView] = useState<View3 | undefined>(undefined)
  const view: View3 = chosen ?? (staffOf ? 'disputed' : volunteer ? 'open' : 'asked')
  const myId = me.data?.user.id
  const filter = (): Record<string, unknown> | undefined => {
    if (!me.data) return undefined
    if (view === 'mine') return { mine: true }
    if (view === 'asked') return { forUserId: myId }
    if (view === 'disputed') return { communityId: staffOf, status: 'disputed' }
    if (view === 'community') return { communityId: staffOf }
    return {}
  }
  const list = usePagedQuery(
    (cursor) => {
      const f = filter()
      return f ? call('help', 'list', { ...f, ...(cursor ? { cursor } : {}) }) : Promise.resolve({ items: [] })
    },
    [view, myId, staffOf],
  )
  const items = list.items ?? []
  return (
    <PageShell tab={volunteer && !staffOf ? 'help' : undefined} roles={roles} title={views ? '求助' : '我发的求助'}>
      <View className='yq-section'>
        {views ? <Segmented className='yq-segmented' value={view} options={views} onChange={(v) => setView(v as View3)} /> : null}
        {staffOf ? (
          <View className='yq-actions'>
            <Button block onClick={() => void Taro.navigateTo({ url: '/staff/elders/index' })}>
              电话代录求助：先选长者
            </Button>
          </View>
        ) : (
          <View className='yq-actions'>
            <Button block onClick={() => void Taro.navigateTo({ url: '/pages/help-post/index' })}>
              我要求助
            </Button>
          </View>
        )}
      </View>
      <CellGroup>
        {items.map((h) => (
          <HelpItem key={h.id} help={h} />
        ))}
      </CellGroup>
      <QueryStates query={list} isEmpty={items.length === 0} emptyText={EMPTY[view]} />
      <LoadMore query={list} />
    </PageShell>
  )
}
