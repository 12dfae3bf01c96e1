import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../api/client'
import { ForWhom } from '../../components/for-whom'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { Empty, LoadMore, QueryStates } from '../../components/states'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins } from '../../utils/format'

/** What coins buy at the street's 爱心商户: price, stock, how many more this month. */
export default function Offers() {
  const me = useQuery(() => call('account', 'me'))
  const [forUserId, setForUserId] = useState<string | undefined>(undefined)
  const offers = usePagedQuery((cursor) => call('redeem', 'offers', { ...(forUserId ? { forUserId } : {}), ...(cursor ? { cursor } : {}) }), [forUserId])
  const issue = useAction((requestId, offerId: string) => call('redeem', 'issue', { offerId, ...(forUserId ? { forUserId } : {}) }, { requestId }))
  const roles = me.data?.user.roles.map((r) => r.role) ?? []
  const redeem = async (offerId: string, title: string) => {
    const r = await issue.run(offerId)
    if (r)
      void Taro.navigateTo({
        url: `/pages/redeem-code/index?code=${encodeURIComponent(r.code)}&digits=${r.digits}&expiresAt=${encodeURIComponent(r.expiresAt)}&title=${encodeURIComponent(title)}`,
      })
  }
  return (
    <PageShell tab='offers' roles={roles}>
      {me.data ? (
        <View className='yq-card'>
          <Text className='yq-muted'>{forUserId ? '代兑换，使用长者的时间币' : `我的时间币：${coins(me.data.walletMinutes)}`}</Text>
          <ForWhom elders={me.data.elders} value={forUserId} onChange={setForUserId} label='为谁兑换' />
          <Button
            className='yq-button yq-button--ghost'
            onClick={() => void Taro.navigateTo({ url: `/pages/my-redemptions/index${forUserId ? `?forUserId=${forUserId}` : ''}` })}
          >
            兑换记录
          </Button>
        </View>
      ) : null}
      <QueryStates query={offers} />
      <FieldError message={issue.error} />
      {offers.items && offers.items.length === 0 ? <Empty text='暂时没有可以兑换的商品' /> : null}
      {(offers.items ?? []).map((o) => (
        <View key={o.id} className='yq-card'>
          <Text className='yq-card__title'>{o.title}</Text>
          <Text className='yq-muted' style={{ display: 'block' }}>
            {o.merchantName}
          </Text>
          {o.description ? (
            <Text className='yq-muted' style={{ display: 'block' }}>
              {o.description}
            </Text>
          ) : null}
          <Text style={{ display: 'block', fontWeight: 'bold', color: '#c2410c' }}>{coins(o.priceMinutes)} 时间币</Text>
          <Text className='yq-muted' style={{ display: 'block' }}>
            还剩 {o.stock} 份{o.limitLeft !== undefined ? ` · 本月还可兑换 ${o.limitLeft} 次` : ''}
          </Text>
          <Button className='yq-button' disabled={issue.busy || o.stock === 0 || o.limitLeft === 0} onClick={() => redeem(o.id, o.title)}>
            {o.stock === 0 ? '已兑完' : o.limitLeft === 0 ? '本月已兑完' : '兑换'}
          </Button>
        </View>
      ))}
      <LoadMore query={offers} />
    </PageShell>
  )
}
