import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { Empty, LoadMore, QueryStates } from '../../components/states'
import { usePagedQuery } from '../../hooks/use-paged-query'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins } from '../../utils/format'

/** The street's merchants: what is owed to each (from the fund), settle it, pause a merchant. */
export default function Merchants() {
  const me = useQuery(() => call('account', 'me'))
  const list = usePagedQuery((cursor) => call('redeem', 'merchants', cursor ? { cursor } : {}))
  const settle = useAction((requestId, merchantId: string) => call('redeem', 'settle', { merchantId, until: new Date().toISOString() }, { requestId }), {
    successToast: '已标记结算',
  })
  const suspend = useAction((requestId, merchantId: string, suspended: boolean) => call('redeem', 'suspendMerchant', { merchantId, suspended }, { requestId }))
  const roles = me.data?.user.roles.map((r) => r.role) ?? []
  // Back from registering a merchant: show it.
  useDidShow(() => void list.reload())
  return (
    <PageShell tab='merchants' roles={roles}>
      <Button className='yq-button' onClick={() => void Taro.navigateTo({ url: '/pages/merchant-new/index' })}>
        登记新商户
      </Button>
      <QueryStates query={list} />
      <FieldError message={settle.error} />
      <FieldError message={suspend.error} />
      {list.items && list.items.length === 0 ? <Empty text='还没有登记的商户' /> : null}
      {(list.items ?? []).map((m) => (
        <View key={m.id} className='yq-card'>
          <Text className='yq-card__title'>{m.name}</Text>
          <Text className='yq-muted' style={{ display: 'block' }}>
            {m.address}
            {m.status === 'suspended' ? ' · 已暂停兑换' : ''}
          </Text>
          <Text style={{ display: 'block' }}>待结算：{coins(m.unsettledMinutes)} 时间币</Text>
          <Button className='yq-button' disabled={settle.busy || m.unsettledMinutes === 0} onClick={async () => (await settle.run(m.id)) && list.reload()}>
            标记为已结算
          </Button>
          <Button
            className='yq-button yq-button--ghost'
            disabled={suspend.busy}
            onClick={async () => (await suspend.run(m.id, m.status === 'active')) && list.reload()}
          >
            {m.status === 'active' ? '暂停兑换' : '恢复兑换'}
          </Button>
        </View>
      ))}
      <LoadMore query={list} />
    </PageShell>
  )
}
