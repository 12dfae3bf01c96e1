import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { call } from '../../api/client'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { Cell, CellGroup, Tag } from '../../components/ui'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { shortTime } from '../../utils/format'

/** 消息: newest first; unread ones marked; opening one marks it read and goes where it points. */
export default function Inbox() {
  const list = usePagedQuery((cursor) => call('message', 'list', cursor ? { cursor } : {}))
  const items = list.items ?? []
  const open = async (id: string, read: boolean, link?: string) => {
    if (!read) await call('message', 'read', { messageIds: [id] }).catch(() => undefined)
    if (link) void Taro.navigateTo({ url: link })
    else void list.reload()
  }
  return (
    <PageShell title={`消息${list.first?.unread ? `（${list.first.unread} 条未读）` : ''}`}>
      <CellGroup>
        {items.map((m) => (
          <Cell
            key={m.id}
            clickable
            onClick={() => void open(m.id, m.read, m.link)}
            title={
              <Text className='yq-strong' data-testid='message-item'>
                {m.title}
              </Text>
            }
            description={`${m.body} · ${shortTime(m.at)}`}
            extra={m.read ? undefined : <Tag type='primary'>未读</Tag>}
          />
        ))}
      </CellGroup>
      <QueryStates query={list} isEmpty={items.length === 0} emptyText='还没有消息' />
      <LoadMore query={list} />
    </PageShell>
  )
}
