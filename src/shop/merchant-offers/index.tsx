import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { LoadMore, QueryStates } from '../../components/states'
import { Button, Cell, CellGroup, Edit, Tag } from '../../components/ui'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins, shortTime } from '../../utils/format'

/** The operator's own offers: what is on sale, stock, limits; add, edit, take off sale. */
export default function MerchantOffers() {
  const me = useQuery(() => call('account', 'me'))
  const merchantId = me.data?.user.roles.find((r) => r.role === 'merchant')?.scope
  // Back from adding or editing an offer, the list loads again (usePagedQuery refreshes on show).
  const offers = usePagedQuery(
    async (cursor) => (merchantId ? call('redeem', 'offers', { merchantId, includeOffSale: true, ...(cursor ? { cursor } : {}) }) : { items: [] }),
    [merchantId],
  )
  const toggle = useAction((requestId, offerId: string, active: boolean) => call('redeem', 'updateOffer', { offerId, active }, { requestId }))
  const items = offers.items ?? []
  return (
    <PageShell title='本店商品'>
      <View className='yq-section'>
        <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: '/shop/offer-edit/index' })}>
          上架新商品
        </Button>
      </View>
      <FieldError message={toggle.error} />
      <CellGroup>
        {items.map((o) => (
          <Cell
            key={o.id}
            title={
              <View className='yq-icon-title'>
                <Text className='yq-strong'>{o.title}</Text>
                {o.active ? null : <Tag type='default'>已下架</Tag>}
              </View>
            }
            description={
              <View>
                <Text className='yq-text'>
                  {coins(o.priceMinutes)} 时间币 · 库存 {o.stock}
                </Text>
                <Text className='yq-muted'>
                  {o.perPersonMonthlyLimit ? `每人每月限 ${o.perPersonMonthlyLimit} 次` : '不限次数'}
                  {o.validUntil ? ` · 有效至 ${shortTime(o.validUntil)}` : ''}
                </Text>
                <View className='yq-row yq-inline-actions'>
                  <Button size='small' icon={<Edit />} onClick={() => void Taro.navigateTo({ url: `/shop/offer-edit/index?id=${o.id}` })}>
                    修改
                  </Button>
                  <Button size='small' loading={toggle.busy} onClick={async () => (await toggle.run(o.id, !o.active)) && offers.reload()}>
                    {o.active ? '下架' : '重新上架'}
                  </Button>
                </View>
              </View>
            }
          />
        ))}
      </CellGroup>
      <QueryStates query={offers} isEmpty={items.length === 0} emptyText='还没有商品，点上面的按钮上架' />
      <LoadMore query={offers} />
    </PageShell>
  )
}
