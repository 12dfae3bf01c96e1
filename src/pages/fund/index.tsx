import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { CHANNEL_LABELS, PROJECT_STATUS_LABELS } from '@contract'
import { call } from '../../api/client'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { Cell, CellGroup } from '../../components/ui'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useQuery } from '../../hooks/use-query'
import { coins, yuan } from '../../utils/format'

/**
 * The street's community fund for anyone (`?street=` when not logged in): projects by status,
 * money in by channel and out, the communities' coin pools, and the thanks board of coin
 * donors. Every figure is a ledger balance.
 */
export default function Fund() {
  const street = useRouter().params.street
  const ref = street ? { streetId: street } : {}
  const q = useQuery(() => call('fund', 'overview', ref), [street])
  const board = usePagedQuery((cursor) => call('donate', 'board', { ...ref, ...(cursor ? { cursor } : {}) }), [street])
  const o = q.data
  const inFen = (o?.moneyIn ?? []).reduce((s, m) => s + m.fen, 0)
  const donors = board.items ?? []
  return (
    <PageShell title='社区基金'>
      <QueryStates query={q} />
      {o ? (
        <View>
          <View className='yq-section'>
            <Text className='yq-section__title'>{`${o.streetName}社区基金`}</Text>
            <Text className='yq-text' data-testid='fund-totals'>{`收到善款 ${yuan(inFen)}，项目支出 ${yuan(o.spentFen)}`}</Text>
            <Text className='yq-muted'>钱不经过益圈：社工登记每一笔，所有人都能查。</Text>
          </View>
          <CellGroup title='善款来源'>
            {o.moneyIn.map((m) => (
              <Cell key={m.channel} title={CHANNEL_LABELS[m.channel]} extra={yuan(m.fen)} />
            ))}
          </CellGroup>
          <CellGroup title='微项目'>
            {o.projects.length === 0 ? <Cell title='还没有微项目' /> : null}
            {o.projects.map((p) => (
              <Cell key={p.status} title={PROJECT_STATUS_LABELS[p.status]} extra={`${p.count} 个`} />
            ))}
          </CellGroup>
          <CellGroup title='各社区公益池（时间币）'>
            {o.pools.map((p) => (
              <Cell
                key={p.communityId}
                title={p.communityName}
                description='看每一笔捐赠和补助'
                extra={`${coins(p.minutes)} 币`}
                clickable
                onClick={() => void Taro.navigateTo({ url: `/pages/pool/index?id=${p.communityId}` })}
              />
            ))}
          </CellGroup>
        </View>
      ) : null}
      <CellGroup title='感谢榜：捐时间币的邻居'>
        {donors.map((d, i) => (
          <Cell
            key={`${d.donorName}-${i}`}
            title={<Text data-testid='board-row'>{`${i + 1}. ${d.donorName}`}</Text>}
            description={`${d.communityName} · 捐了 ${d.times} 次`}
            extra={`${coins(d.totalMinutes)} 币`}
          />
        ))}
      </CellGroup>
      <QueryStates query={board} isEmpty={donors.length === 0} emptyText='还没有人捐时间币' />
      <LoadMore query={board} />
    </PageShell>
  )
}
