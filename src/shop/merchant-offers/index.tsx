import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { Empty, LoadMore, QueryStates } from '../../components/states'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins, shortTime } from '../../utils/format'

/** The operator's own offers: what is on sale, stock, limits; add, edit, take off sale. */
export default function MerchantOffers() {
  const me = useQuery(() => call('account', 'me'))
  const merchantId = me.data?.user.roles.find((r) => r.role === 'merchant')?.scope
  const offers = usePagedQuery(
    async (cursor) => (merchantId ? call('redeem', 'offers', { merchantId, includeOffSale: true, ...(cursor ? { cursor } : {}) }) : { items: [] }),
    [merchantId],
  )
  // Back from adding or editing an offer: show the change.
  useDidShow(() => void offers.reload())
  const toggle = useAction((requestId, offerId: string, active: boolean) => call('redeem', 'updateOffer', { offerId, active }, { requestId }))
  return (
    <PageShell>
      <Button className='yq-button' onClick={() => void Taro.navigateTo({ url: '/pages/offer-edit/index' })}>
        上架新商品
      </Button>
      <QueryStates query={offers} />
      <FieldError message={toggle.error} />
      {offers.items && offers.items.length === 0 ? <Empty text='还没有商品，点上面的按钮上架' /> : null}
      {(offers.items ?? []).map((o) => (
        <View key={o.id} className='yq-card'>
          <Text className='yq-card__title'>
            {o.title}
            {o.active ? '' : '（已下架）'}
          </Text>
          <Text style={{ display: 'block' }}>
            {coins(o.priceMinutes)} 时间币 · 库存 {o.stock}
          </Text>
          <Text className='yq-muted' style={{ display: 'block' }}>
            {o.perPersonMonthlyLimit ? `每人每月限 ${o.perPersonMonthlyLimit} 次` : '不限次数'}
            {o.validUntil ? ` · 有效至 ${shortTime(o.validUntil)}` : ''}
          </Text>
          <Button className='yq-button yq-button--ghost' onClick={() => void Taro.navigateTo({ url: `/pages/offer-edit/index?id=${o.id}` })}>
            修改
          </Button>
          <Button className='yq-button yq-button--ghost' disabled={toggle.busy} onClick={async () => (await toggle.run(o.id, !o.active)) && offers.reload()}>
            {o.active ? '下架' : '重新上架'}
          </Button>
        </View>
      ))}
      <LoadMore query={offers} />
    </PageShell>
  )
}
