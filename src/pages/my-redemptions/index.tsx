import Taro, { useRouter } from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { call } from '../../api/client'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { Cell, CellGroup, Tag } from '../../components/ui'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { coins, shortTime } from '../../utils/format'

const STATUS: Record<string, { text: string; type: 'primary' | 'success' | 'default' }> = {
  open: { text: '待使用', type: 'primary' },
  used: { text: '已兑换', type: 'success' },
  cancelled: { text: '已取消', type: 'default' },
  expired: { text: '已过期（未扣币）', type: 'default' },
}

/** My redemptions (or an elder's), newest first; a code still open opens again to be shown. */
export default function MyRedemptions() {
  const forUserId = useRouter().params.forUserId
  const list = usePagedQuery((cursor) => call('redeem', 'mine', { ...(forUserId ? { forUserId } : {}), ...(cursor ? { cursor } : {}) }), [forUserId])
  const items = list.items ?? []
  return (
    <PageShell title='兑换记录'>
      <CellGroup>
        {items.map((r) => (
          <Cell
            key={r.code}
            clickable={r.status === 'open'}
            onClick={() => r.status === 'open' && void Taro.navigateTo({ url: `/pages/redeem-code/index?code=${encodeURIComponent(r.code)}` })}
            title={
              <Text className='yq-strong' data-testid='redemption-item'>
                {r.offerTitle}
              </Text>
            }
            description={`${r.merchantName} · ${coins(r.priceMinutes)} 时间币${r.usedAt ? ` · ${shortTime(r.usedAt)}` : ''}${r.status === 'open' ? ' · 点这里出示兑换码' : ''}`}
            extra={<Tag type={STATUS[r.status].type}>{STATUS[r.status].text}</Tag>}
          />
        ))}
      </CellGroup>
      <QueryStates query={list} isEmpty={items.length === 0} emptyText='还没有兑换记录' />
      <LoadMore query={list} />
    </PageShell>
  )
}
