import { Text } from '@tarojs/components'
import { call } from '../../api/client'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { shortTime, signedCoins } from '../../utils/format'
import { LoadMore, QueryStates } from '../states'
import { Cell, CellGroup } from '../ui'
import './index.css'

/** Every movement of a wallet's 时间币, newest first, a page at a time: mine, or an elder's I may see. */
export function WalletHistory({ forUserId, emptyText }: { forUserId?: string; emptyText: string }) {
  const history = usePagedQuery((cursor) => call('wallet', 'history', { ...(forUserId ? { forUserId } : {}), ...(cursor ? { cursor } : {}) }), [forUserId])
  const items = history.items ?? []
  return (
    <>
      <CellGroup title='时间币记录'>
        {items.map((i) => (
          <Cell
            key={i.entryId}
            title={<Text data-testid='history-entry'>{i.label}</Text>}
            description={shortTime(i.at)}
            extra={<Text className={`wallet-amount ${i.amountMinutes < 0 ? 'wallet-amount--out' : ''}`}>{signedCoins(i.amountMinutes)}</Text>}
          />
        ))}
      </CellGroup>
      <QueryStates query={history} isEmpty={items.length === 0} emptyText={emptyText} />
      <LoadMore query={history} />
    </>
  )
}
