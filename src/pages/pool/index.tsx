import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { call } from '../../api/client'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { Cell, CellGroup } from '../../components/ui'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { coins, shortTime, signedCoins } from '../../utils/format'

/** A community's coin pool for anyone: what it holds, every gift into it and every grant out of it with its reason, newest first. */
export default function Pool() {
  const id = useRouter().params.id ?? ''
  const list = usePagedQuery((cursor) => call('fund', 'pool', { communityId: id, ...(cursor ? { cursor } : {}) }), [id])
  const first = list.first
  const items = list.items ?? []
  return (
    <PageShell title='社区公益池'>
      {first ? (
        <View className='yq-section'>
          <Text className='yq-section__title'>{`${first.communityName}公益池`}</Text>
          <Text className='yq-text' data-testid='pool-balance'>{`现有 ${coins(first.balanceMinutes)} 时间币`}</Text>
          <Text className='yq-muted'>邻居捐的时间币放在这里，社工用它补助有需要的居民；每一笔都公开。</Text>
        </View>
      ) : null}
      <CellGroup title='每一笔进出'>
        {items.map((i) => (
          <Cell
            key={i.entryId}
            title={<Text data-testid='pool-entry'>{i.label}</Text>}
            description={shortTime(i.at)}
            extra={`${signedCoins(i.amountMinutes)} 币`}
          />
        ))}
      </CellGroup>
      <QueryStates query={list} isEmpty={items.length === 0} emptyText='还没有进出记录' />
      <LoadMore query={list} />
    </PageShell>
  )
}
