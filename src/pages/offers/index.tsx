import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../api/client'
import { ForWhom } from '../../components/for-whom'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { Button, Cell, CellGroup, Wallet } from '../../components/ui'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins } from '../../utils/format'
import './index.css'

/** What coins buy at the street's 爱心商户: price, stock, how many more this month. */
export default function Offers() {
  const me = useQuery(() => call('account', 'me'))
  const [forUserId, setForUserId] = useState<string | undefined>(undefined)
  const offers = usePagedQuery((cursor) => call('redeem', 'offers', { ...(forUserId ? { forUserId } : {}), ...(cursor ? { cursor } : {}) }), [forUserId])
  const issue = useAction((requestId, offerId: string) => call('redeem', 'issue', { offerId, ...(forUserId ? { forUserId } : {}) }, { requestId }))
  const roles = me.data?.user.roles.map((r) => r.role) ?? []
  const items = offers.items ?? []
  const redeem = async (offerId: string) => {
    const r = await issue.run(offerId)
    if (r) void Taro.navigateTo({ url: `/pages/redeem-code/index?code=${encodeURIComponent(r.code)}` })
  }
  return (
    <PageShell tab='offers' roles={roles} title='时间币兑换'>
      {me.data ? (
        <View className='yq-section'>
          <Text className='yq-muted'>{forUserId ? '代兑换，使用长者的时间币' : '我的时间币'}</Text>
          {forUserId ? null : <Text className='yq-number'>{coins(me.data.walletMinutes)}</Text>}
          <ForWhom elders={me.data.elders} value={forUserId} onChange={setForUserId} label='为谁兑换' />
          <View className='yq-actions'>
            <Button
              block
              icon={<Wallet />}
              onClick={() => void Taro.navigateTo({ url: `/pages/my-redemptions/index${forUserId ? `?forUserId=${forUserId}` : ''}` })}
            >
              兑换记录
            </Button>
          </View>
        </View>
      ) : null}
      <FieldError message={issue.error} />
      <CellGroup>
        {items.map((o) => {
          const soldOut = o.stock === 0
          const monthDone = o.limitLeft === 0
          return (
            <Cell
              key={o.id}
              title={
                <Text className='yq-strong' data-testid='offer-item'>
                  {o.title}
                </Text>
              }
              description={
                <View>
                  <Text className='yq-muted'>{o.merchantName}</Text>
                  {o.description ? <Text className='yq-muted'>{o.description}</Text> : null}
                  <Text className='offers__price'>{coins(o.priceMinutes)} 时间币</Text>
                  <Text className='yq-muted'>
                    还剩 {o.stock} 份{o.limitLeft !== undefined ? ` · 本月还可兑换 ${o.limitLeft} 次` : ''}
                  </Text>
                </View>
              }
              extra={
                soldOut || monthDone ? (
                  <Text className='yq-muted'>{soldOut ? '已兑完' : '本月已兑完'}</Text>
                ) : (
                  <Button type='primary' loading={issue.busy} onClick={() => void redeem(o.id)}>
                    兑换
                  </Button>
                )
              }
            />
          )
        })}
      </CellGroup>
      <QueryStates query={offers} isEmpty={items.length === 0} emptyText='暂时没有可以兑换的商品' />
      <LoadMore query={offers} />
    </PageShell>
  )
}
